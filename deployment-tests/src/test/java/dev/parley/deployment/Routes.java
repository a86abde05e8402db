package dev.parley.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The routes the services really serve, read from their sources, and how path prefixes select among them. */
final class Routes {

    static final List<String> SERVICES = List.of("account-service", "friendship-service", "chat-service");

    /**
     * The prefix of the routes a service serves the other services on its internal port (event feed, data exports):
     * never public, so neither the Ingress nor the proxy routes them.
     */
    static final String INTERNAL_PREFIX = "/internal";

    /** A path the internal port serves, for checks that it is never routed. */
    static final String INTERNAL_FEED = INTERNAL_PREFIX + "/v1/feed";

    /**
     * One route a service serves: a class-level JAX-RS {@code @Path}, a WebSockets Next {@code @WebSocket(path)}, or
     * a Vert.x router route.
     */
    record Route(String service, String path, String source) {
    }

    private static final Pattern CLASS_DECLARATION = Pattern.compile("\\b(class|interface|record)\\s+\\w+");
    private static final Pattern PATH_ANNOTATION = Pattern
            .compile("@(?:Path|WebSocket)\\(\\s*(?:path\\s*=\\s*)?\"([^\"]+)\"\\s*\\)");
    private static final Pattern ROUTER_ROUTE = Pattern
            .compile("\\brouter\\s*\\.\\s*(?:get|post|put|delete|patch|route)\\s*\\(\\s*\"([^\"]+)\"");

    private Routes() {
    }

    /**
     * Every public route of every service, from {@code <service>/src/main/java/**}{@code /rest/*.java}: the routes of
     * its HTTP port. Internal routes (below {@link #INTERNAL_PREFIX}) are left out, wherever they are declared.
     */
    static List<Route> served() {
        List<Route> routes = new ArrayList<>();
        for (String service : SERVICES) {
            Path sources = Repo.path(service + "/src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.getParent().getFileName().toString().equals("rest")
                        && f.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(file);
                    String name = Repo.ROOT.relativize(file).toString();
                    Matcher declaration = CLASS_DECLARATION.matcher(text);
                    String header = declaration.find() ? text.substring(0, declaration.start()) : "";
                    Matcher path = PATH_ANNOTATION.matcher(header);
                    if (path.find() && !isInternal(normalise(path.group(1)))) {
                        routes.add(new Route(service, normalise(path.group(1)), name));
                    }
                    Matcher route = ROUTER_ROUTE.matcher(text);
                    while (route.find()) {
                        if (!isInternal(normalise(route.group(1)))) {
                            routes.add(new Route(service, normalise(route.group(1)), name));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return routes;
    }

    /**
     * Kubernetes {@code Prefix} matching: the prefix itself or anything below it, element by element
     * ({@code /v1/users} matches {@code /v1/users/me}, not {@code /v1/usersX}).
     */
    static boolean matches(String prefix, String path) {
        return prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** Whether a path is one of the internal routes, which only the services' internal ports serve. */
    static boolean isInternal(String path) {
        return matches(INTERNAL_PREFIX, path);
    }

    /** The service whose prefix is the longest to match the path, as an ingress controller picks it. */
    static Optional<String> routeOf(Map<String, String> prefixToService, String path) {
        return prefixToService.entrySet().stream().filter(e -> matches(e.getKey(), path))
                .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length())).map(Map.Entry::getValue);
    }

    private static String normalise(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
