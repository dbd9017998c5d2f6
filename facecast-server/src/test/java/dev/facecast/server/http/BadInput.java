package dev.facecast.server.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One request the API must refuse, and the status it must refuse it with. {@code {id}} in the
 * path stands for the suite's bystander session, so a refusal that changed anything shows on it.
 *
 * @param name        what the case is, as the test report shows it
 * @param contentType null for none
 * @param body        null for none
 */
record BadInput(String name, String method, String path, String contentType, String body, int status) {

    static final String JSON = "application/json";

    @Override
    public String toString() {
        return name;
    }

    /** JSON that does not parse, or is no object: 400 wherever a JSON object is read. */
    static final Map<String, String> MALFORMED_JSON = named(
            "an unclosed object", "{",
            "a lone closing brace", "}",
            "a field without a value", "{\"fps\":}",
            "a trailing comma", "{\"fps\":15,}",
            "unquoted field names", "{fps:15}",
            "single quotes", "{'fps':15}",
            "plain words", "not json at all",
            "a truncated literal", "nul",
            "text after the object", "{\"fps\":15} and more",
            "two objects", "{}{}",
            "an array", "[1,2,3]",
            "a string", "\"fps\"",
            "a number", "42",
            "null", "null",
            "true", "true",
            "a raw control character in a string", "{\"text\":\"a\u0001b\"}",
            "a raw line break in a string", "{\"text\":\"a\nb\"}",
            "a bad escape", "{\"text\":\"\\q\"}",
            "a short unicode escape", "{\"text\":\"\\u12\"}",
            "a comment", "{/* fps */ \"fps\":15}",
            "NaN as a bare number", "{\"fps\":NaN}",
            "a leading plus", "{\"fps\":+15}",
            "a leading zero", "{\"fps\":015}",
            "a hex number", "{\"fps\":0x0F}",
            "a byte order mark", "\uFEFF{}",
            "nesting 5000 deep", "[".repeat(5_000) + "]".repeat(5_000),
            "a number of 2000 digits", "{\"fps\":" + "9".repeat(2_000) + "}");

    /** Values no integer field takes, whatever its range. */
    static final Map<String, String> NOT_INTEGERS = named(
            "a string", "\"15\"",
            "a float", "15.5",
            "a float with no fraction", "15.0",
            "an exponent", "1e1",
            "a huge exponent", "1e400",
            "NaN as a string", "\"NaN\"",
            "Infinity as a string", "\"Infinity\"",
            "true", "true",
            "an array", "[15]",
            "an object", "{\"value\":15}",
            "beyond 32 bits", "2147483648",
            "below 32 bits", "-2147483649",
            "beyond 64 bits", "99999999999999999999999");

    /** JSON bodies sent as something else: 415. */
    static final Map<String, String> NOT_JSON_TYPES = named(
            "text/plain", "text/plain",
            "a form", "application/x-www-form-urlencoded",
            "XML", "application/xml",
            "SDP", "application/sdp",
            "multipart", "multipart/form-data; boundary=x",
            "json without its type", "json",
            "application/jsonx", "application/jsonx");

    /** Every case of {@code values}, named by its key and made by {@code make}. */
    static <T> List<BadInput> each(Map<String, T> values, Function<Map.Entry<String, T>, BadInput> make) {
        List<BadInput> cases = new ArrayList<>();
        values.entrySet().forEach(value -> cases.add(make.apply(value)));
        return cases;
    }

    @SafeVarargs
    static Stream<BadInput> concat(List<BadInput>... groups) {
        return Stream.of(groups).flatMap(List::stream);
    }

    /** A map in the order given: cases run and read in a stable order. */
    static Map<String, String> named(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
