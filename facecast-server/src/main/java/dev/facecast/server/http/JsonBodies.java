package dev.facecast.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.http.Context;

import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;

/**
 * Reads small JSON request bodies strictly: {@code application/json}, an object, only the
 * fields the endpoint takes, each once, of the right type; errors in plain words.
 */
public final class JsonBodies {

    /** Every JSON body the API takes is tiny; beyond this it is refused with 413. */
    public static final int MAX_JSON_BYTES = 16 * 1024;

    private final ObjectReader reader;

    public JsonBodies(ObjectMapper mapper) {
        // A field sent twice means different things to different parsers; refuse it rather than pick one.
        // Trailing text after the object is as likely a mistake as a truncation: refuse both.
        this.reader = mapper.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * The body as a JSON object with at most the fields {@code allowedFields}; an empty body
     * reads as {@code {}}, whatever its content type.
     */
    public JsonNode object(Context ctx, String... allowedFields) {
        String body = BoundedBody.text(ctx, MAX_JSON_BYTES);
        if (!body.isBlank() && !ContentTypes.isJson(ctx.contentType())) {
            throw new ApiException(415, "send the body as application/json");
        }
        JsonNode node = object(body);
        List<String> allowed = List.of(allowedFields);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name + "'; this endpoint takes "
                        + (allowed.isEmpty() ? "none" : String.join(", ", allowed)));
            }
        }
        return node;
    }

    /**
     * A body already within {@link #MAX_JSON_BYTES}, as a JSON object; a blank one reads as {@code {}}.
     *
     * @throws ApiException (400) when it is not JSON, or not an object
     */
    public JsonNode object(String body) {
        if (body.isBlank()) {
            return reader.createObjectNode();
        }
        JsonNode node = parse(body);
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return node;
    }

    private JsonNode parse(String body) {
        try {
            return reader.readTree(body);
        } catch (JsonEOFException e) {
            throw ApiException.badRequest("the body is not valid JSON: it ends early");
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest("the body is not valid JSON: nested too deep, or a number or string too long");
        } catch (JsonProcessingException e) {
            // The duplicate check has no exception type of its own; its message has been stable since Jackson 2.3.
            throw ApiException.badRequest(String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")
                    ? "the body is not valid: a field appears twice" : "the body is not valid JSON");
        }
    }

    public static OptionalInt optionalInt(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiException.badRequest("'" + field + "' must be an integer");
        }
        return OptionalInt.of(value.intValue());
    }

    public static java.util.Optional<Boolean> optionalBoolean(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return java.util.Optional.empty();
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest("'" + field + "' must be true or false");
        }
        return java.util.Optional.of(value.booleanValue());
    }

    /**
     * A string field of text to speak or answer: no control characters but tab and line breaks
     * (a NUL ends the string in the native speech engine), and no broken surrogate pairs.
     */
    public static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw ApiException.badRequest("'" + field + "' must be a string");
        }
        String text = value.textValue();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw ApiException.badRequest("'" + field + "' has a control character (U+" + String.format("%04X", (int) c) + ")");
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(++i)))) {
                throw ApiException.badRequest("'" + field + "' is not valid Unicode (a lone surrogate)");
            }
        }
        return text;
    }
}
