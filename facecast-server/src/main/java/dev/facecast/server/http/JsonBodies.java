package dev.facecast.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.util.OptionalInt;

/** Reads small JSON request bodies strictly: an object, known field types, clear errors. */
public final class JsonBodies {

    /** Every JSON body the API takes is tiny; beyond this it is refused with 413. */
    public static final int MAX_JSON_BYTES = 16 * 1024;

    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body as a JSON object; an empty body reads as {@code {}}. */
    public JsonNode object(Context ctx) throws com.fasterxml.jackson.core.JsonProcessingException {
        return object(Limits.body(ctx, MAX_JSON_BYTES));
    }

    /**
     * A body already within {@link #MAX_JSON_BYTES}, as a JSON object; a blank one reads as {@code {}}.
     *
     * @throws ApiException when it is JSON but not an object
     * @throws com.fasterxml.jackson.core.JsonProcessingException when it is not JSON (also a 400)
     */
    public JsonNode object(String body) throws com.fasterxml.jackson.core.JsonProcessingException {
        if (body.isBlank()) {
            return mapper.createObjectNode();
        }
        JsonNode node = mapper.readTree(body);
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return node;
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

    public static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw ApiException.badRequest("'" + field + "' must be a string");
        }
        return value.textValue();
    }
}
