package dev.facecast.server.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;

import java.io.IOException;

/**
 * Answers HEAD exactly as GET, less the body (RFC 9110 §9.3.2): the routes see a GET, and Jetty,
 * which still knows the request as HEAD, sends the status and headers and drops the body.
 * Without this Javalin answers HEAD with 200 whenever a GET route matches the path, without
 * running it, so HEAD on a session that does not exist said 200.
 */
final class HeadAsGet extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"HEAD".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getMethod() {
                return "GET";
            }
        }, response);
    }

    /** The method the client sent: HEAD where the routes saw GET. */
    static String sentMethod(HttpServletRequest request) {
        return Request.getBaseRequest(request).getMethod();
    }
}
