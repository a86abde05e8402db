package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** The Ingress routes exactly the paths the services serve, to Services and ports that exist. */
class IngressTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyPathPointsToAServicePortThatExists(String environment) {
        Manifests build = Manifests.overlay(environment);
        for (JsonNode rule : build.list("Ingress").stream().flatMap(i -> stream(i.path("spec").path("rules")))
                .toList()) {
            assertThat(rule.path("http").path("paths")).isNotEmpty();
            for (JsonNode path : rule.path("http").path("paths")) {
                assertThat(path.path("pathType").asText()).isEqualTo("Prefix");
                JsonNode backend = path.path("backend").path("service");
                JsonNode service = build.get("Service", backend.path("name").asText());
                JsonNode port = backend.path("port");
                assertThat(service.path("spec").path("ports")).as("port of %s", path.path("path").asText())
                        .anySatisfy(p -> assertThat(port.has("name")
                                ? p.path("name").asText()
                                : p.path("port").asText())
                                .isEqualTo(port.has("name")
                                        ? port.path("name").asText()
                                        : port.path("number").asText()));
                // ...and the Service reaches the pods of a Deployment of that name.
                build.get("Deployment", backend.path("name").asText());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void noIngressReachesAServicesInternalPortOrAnInternalPath(String environment) {
        Manifests build = Manifests.overlay(environment);
        for (String service : Routes.SERVICES) {
            assertThat(Manifests.port(build.get("Service", service).path("spec").path("ports"), "internal"))
                    .as("%s's internal port", service).isNotEmpty();
        }
        for (JsonNode ingress : build.list("Ingress")) {
            String name = Manifests.name(ingress);
            assertThat(ingress.path("spec").has("defaultBackend")).as("%s has a default backend", name).isFalse();
            for (JsonNode path : ingress.path("spec").path("rules").findValues("paths").stream()
                    .flatMap(IngressTest::stream).toList()) {
                String prefix = path.path("path").asText();
                assertThat(prefix).as("a path of %s", name).doesNotStartWith(Routes.INTERNAL_PREFIX);
                assertThat(Routes.matches(prefix, Routes.INTERNAL_FEED)).as("%s's %s covers %s", name, prefix,
                        Routes.INTERNAL_FEED).isFalse();
                JsonNode backend = path.path("backend").path("service");
                JsonNode ports = build.get("Service", backend.path("name").asText()).path("spec").path("ports");
                JsonNode port = backend.path("port").has("name")
                        ? Manifests.port(ports, backend.path("port").path("name").asText())
                        : stream(ports).filter(p -> p.path("port").asInt() == backend.path("port").path("number")
                                .asInt()).findFirst().orElseThrow();
                assertThat(port.path("name").asText()).as("the port %s's %s reaches", name, prefix)
                        .isNotEqualTo("internal");
                assertThat(port.path("targetPort").asText()).as("the pod port %s's %s reaches", name, prefix)
                        .isEqualTo("http");
            }
        }
    }

    @Test
    void everyRouteAServiceServesIsRoutedToThatService() {
        Map<String, String> routes = routes(Manifests.of("base"));
        List<Routes.Route> served = Routes.served();
        assertThat(served).extracting(Routes.Route::path).contains("/v1/accounts", "/v1/users",
                "/.well-known/jwks.json", "/v1/friendships", "/v1/blocks", "/v1/conversations", "/v1/sync",
                "/v1/presence", "/v1/search", "/v1/devices", "/v1/notifications/settings", "/v1/uploads",
                "/v1/media/{id}", "/v1/store/{folder}/{name}", "/v1/stream");

        for (Routes.Route route : served) {
            assertThat(Routes.routeOf(routes, route.path())).as("route for %s (%s)", route.path(), route.source())
                    .contains(route.service());
        }
    }

    @Test
    void everyIngressPathLeadsToRoutesOfItsService() {
        List<Routes.Route> served = Routes.served();
        routes(Manifests.of("base")).forEach((prefix, service) -> assertThat(served)
                .as("%s routes below %s", service, prefix)
                .anyMatch(r -> r.service().equals(service) && Routes.matches(prefix, r.path())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void webSocketsMayStayOpenAndTheirQueryStringsAreNeverLogged(String environment) {
        JsonNode stream = ingressRouting(Manifests.overlay(environment), "/v1/stream");
        assertThat(routes(stream)).containsOnlyKeys("/v1/stream");
        JsonNode annotations = stream.path("metadata").path("annotations");
        assertThat(annotations.path("nginx.ingress.kubernetes.io/proxy-read-timeout").asInt()).isGreaterThanOrEqualTo(
                3600);
        assertThat(annotations.path("nginx.ingress.kubernetes.io/proxy-send-timeout").asInt()).isGreaterThanOrEqualTo(
                3600);
        // A browser's WebSocket carries its access token as ?access_token=; ingress-nginx logs query strings.
        assertThat(annotations.path("nginx.ingress.kubernetes.io/enable-access-log").asText()).isEqualTo("false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyIngressLimitsRequestsPerClientAddress(String environment) {
        for (JsonNode ingress : Manifests.overlay(environment).list("Ingress")) {
            JsonNode annotations = ingress.path("metadata").path("annotations");
            assertThat(annotations.path("nginx.ingress.kubernetes.io/limit-rps").asInt())
                    .as("limit-rps of %s", Manifests.name(ingress)).isPositive();
            assertThat(annotations.path("nginx.ingress.kubernetes.io/limit-burst-multiplier").asInt())
                    .as("burst of %s", Manifests.name(ingress)).isGreaterThanOrEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void restCallsAreLoggedAndDoNotHoldConnectionsForAnHour(String environment) {
        JsonNode rest = ingressRouting(Manifests.overlay(environment), "/v1/accounts");
        JsonNode annotations = rest.path("metadata").path("annotations");
        assertThat(annotations.has("nginx.ingress.kubernetes.io/enable-access-log")).isFalse();
        assertThat(annotations.path("nginx.ingress.kubernetes.io/proxy-read-timeout").asInt()).isLessThanOrEqualTo(60);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void eachEnvironmentHasItsHostAndOutsideDevTls(String environment) {
        for (JsonNode ingress : Manifests.overlay(environment).list("Ingress")) {
            hasHostAndTls(environment, ingress);
        }
    }

    private static void hasHostAndTls(String environment, JsonNode ingress) {
        List<String> hosts = ingress.path("spec").path("rules").findValuesAsText("host");
        assertThat(hosts).hasSize(ingress.path("spec").path("rules").size()).doesNotContain("");
        if (!environment.equals("dev")) {
            assertThat(ingress.path("spec").path("tls")).isNotEmpty();
            assertThat(ingress.path("spec").path("tls").findValuesAsText("secretName")).doesNotContain("");
            List<String> tlsHosts = ingress.path("spec").path("tls").findValues("hosts").stream()
                    .flatMap(h -> java.util.stream.StreamSupport.stream(h.spliterator(), false))
                    .map(JsonNode::asText).toList();
            assertThat(tlsHosts).containsAll(hosts);
        }
    }

    /** Path prefix to backend Service name, across the rules of every Ingress. */
    static Map<String, String> routes(Manifests build) {
        Map<String, String> routes = new LinkedHashMap<>();
        build.list("Ingress").forEach(ingress -> routes.putAll(routes(ingress)));
        return routes;
    }

    private static Map<String, String> routes(JsonNode ingress) {
        Map<String, String> routes = new LinkedHashMap<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                routes.put(path.path("path").asText(), path.path("backend").path("service").path("name").asText());
            }
        }
        return routes;
    }

    private static JsonNode ingressRouting(Manifests build, String prefix) {
        return build.list("Ingress").stream().filter(i -> routes(i).containsKey(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no Ingress routes " + prefix));
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
