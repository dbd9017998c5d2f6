package dev.facecast.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Jetty's own errors, those raised before a request reaches the API (a malformed request line,
 * bad chunked framing, a URI or headers over the limit) or outside it, as the API's JSON error
 * instead of Jetty's HTML page. Jetty's reason phrases name parser internals, so the message is
 * the status's plain meaning.
 */
final class JsonErrorHandler extends ErrorHandler {

    /** Every method gets the JSON body; Jetty's default sends none for PUT, PATCH, DELETE and the rest. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    /** Errors found while parsing, before any handler runs: Jetty sends what this returns and closes. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        if (HttpStatus.hasNoBody(status)) {
            return ByteBuffer.allocate(0);
        }
        fields.put(HttpHeader.CONTENT_TYPE, ErrorBody.CONTENT_TYPE);
        return ByteBuffer.wrap(ErrorBody.bytes(status, ErrorBody.plainMessage(status)));
    }

    /** Errors Jetty dispatches itself (sendError), whatever the client's Accept says. */
    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                              int code, String message) throws IOException {
        byte[] body = ErrorBody.bytes(code, ErrorBody.plainMessage(code));
        response.setContentType(ErrorBody.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
