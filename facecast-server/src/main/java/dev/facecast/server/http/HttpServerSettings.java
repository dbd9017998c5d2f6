package dev.facecast.server.http;

import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.util.component.LifeCycle;

import java.time.Duration;
import java.util.EnumSet;

/**
 * How the HTTP server treats requests before the routes see them: deadlines (a read that stalls,
 * request headers that never finish: {@link HeaderDeadline}), HEAD, and errors
 * from Jetty itself in the API's JSON shape. Body sizes are bounded where bodies are read
 * ({@link BoundedBody}); a body no route reads is never read: Jetty discards it and closes.
 */
public final class HttpServerSettings {

    /**
     * While a request is being handled, how long a read or write may wait for the client: a body
     * that stops arriving fails with 408. Between requests the connector's own idle timeout
     * (Jetty's default, 30 s) keeps connections for reuse.
     */
    public static final Duration REQUEST_IDLE_TIMEOUT = Duration.ofSeconds(5);

    private HttpServerSettings() {
    }

    /** Applies these settings to a Javalin being built, and teaches {@code routes} each route added. */
    public static void apply(JavalinConfig javalin, RouteTable routes) {
        javalin.events(events -> events.handlerAdded(route -> routes.add(route, javalin.router)));
        HeaderDeadline headerDeadline = new HeaderDeadline(HeaderDeadline.DEADLINE);
        javalin.jetty.modifyHttpConfiguration(http -> {
            http.setIdleTimeout(REQUEST_IDLE_TIMEOUT.toMillis());
            http.addCustomizer(headerDeadline);
        });
        javalin.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorHandler());
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarted(LifeCycle event) {
                    headerDeadline.watch(server);
                }

                @Override
                public void lifeCycleStopping(LifeCycle event) {
                    headerDeadline.close();
                }
            });
        });
        javalin.jetty.modifyServletContextHandler(context -> {
            context.setErrorHandler(new JsonErrorHandler());
            context.addFilter(new FilterHolder(new HeadAsGet()), "/*", EnumSet.of(DispatcherType.REQUEST));
        });
    }
}
