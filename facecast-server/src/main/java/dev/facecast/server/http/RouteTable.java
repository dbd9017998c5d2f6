package dev.facecast.server.http;

import io.javalin.config.RouterConfig;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.router.matcher.PathParser;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The paths the API serves and the methods each takes, learnt from the routes as they are
 * added: what a 405's and an OPTIONS answer's {@code Allow} header lists. Paths are matched the
 * way the router matches them (its own parser), so the two never disagree.
 *
 * <p>Threading: routes are added while the server is built; lookups come from any thread.
 */
public final class RouteTable {

    private final Map<String, Path> paths = new ConcurrentHashMap<>();

    private record Path(PathParser parser, Set<String> methods) {
    }

    /** Records a route; anything but an HTTP method (before and after handlers) is no route. */
    void add(HandlerMetaInfo route, RouterConfig router) {
        if (!route.getHttpMethod().isHttpMethod()) {
            return;
        }
        paths.computeIfAbsent(route.getPath(), path -> new Path(new PathParser(path, router), ConcurrentHashMap.newKeySet()))
                .methods().add(route.getHttpMethod().name());
    }

    /** A request path's route: its pattern ({@code /v1/sessions/{id}}) and its path parameters. */
    public record Match(String pattern, Map<String, String> pathParams) {
    }

    /** The route {@code requestPath} is for, if any; for checks that run before the router picks a handler. */
    public Optional<Match> match(String requestPath) {
        return paths.entrySet().stream().filter(entry -> entry.getValue().parser().matches(requestPath)).findFirst()
                .map(entry -> new Match(entry.getKey(), entry.getValue().parser().extractPathParams(requestPath)));
    }

    /**
     * The methods {@code requestPath} takes, sorted: its routes' methods, HEAD wherever GET is,
     * and OPTIONS; empty when no route has this path.
     */
    public Optional<Set<String>> allowed(String requestPath) {
        Set<String> allowed = new TreeSet<>();
        paths.values().stream().filter(path -> path.parser().matches(requestPath)).forEach(path -> allowed.addAll(path.methods()));
        if (allowed.isEmpty()) {
            return Optional.empty();
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        allowed.add("OPTIONS");
        return Optional.of(allowed);
    }
}
