package dev.facecast.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one shape of every error the server sends, whichever layer sends it:
 * {@code {"error": "...", "status": N}} as {@code application/json}.
 */
final class ErrorBody {

    static final String CONTENT_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBody() {
    }

    static Map<String, Object> of(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message == null || message.isBlank() ? plainMessage(status) : message);
        body.put("status", status);
        return body;
    }

    static byte[] bytes(int status, String message) {
        try {
            return JSON.writeValueAsBytes(of(status, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of two plain values always serializes", e);
        }
    }

    /** What a status means, in words a client can act on; for errors that carry no message of their own. */
    static String plainMessage(int status) {
        return switch (status) {
            case 400 -> "malformed HTTP request";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 408 -> "the request arrived too slowly";
            case 413 -> "the request body is too large";
            case 414 -> "the request URI is too long";
            case 415 -> "unsupported content type";
            case 426 -> "this server speaks HTTP/1.1 on this connection";
            case 431 -> "the request headers are too large";
            case 500 -> "internal error; the server log has the details";
            case 501 -> "not implemented";
            case 503 -> "unavailable";
            case 505 -> "HTTP version not supported";
            default -> "HTTP error " + status;
        };
    }
}
