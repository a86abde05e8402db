package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Only the ingress controller, Prometheus and the services that call a service reach it; only services reach
 * PostgreSQL; the services' traces may leave for an OpenTelemetry collector.
 */
class NetworkPolicyTest {

    private static final Map<String, Set<String>> CALLERS = Map.of(
            "account-service", Set.of("friendship-service", "chat-service"),
            "friendship-service", Set.of("chat-service"),
            "chat-service", Set.of());
    /** Where the services send their traces: an OpenTelemetry collector's OTLP gRPC port. */
    private static final int OTLP_GRPC = 4317;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everythingIsDeniedUnlessAllowed(String environment) {
        Manifests build = Manifests.overlay(environment);
        assertThat(build.list("NetworkPolicy")).anySatisfy(p -> {
            assertThat(p.path("spec").path("podSelector").isEmpty()).isTrue();
            assertThat(p.path("spec").path("policyTypes")).extracting(JsonNode::asText).contains("Ingress");
            assertThat(p.path("spec").path("ingress").isEmpty()).isTrue();
        });
        for (JsonNode policy : build.list("NetworkPolicy")) {
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                assertThat(rule.path("from")).as("%s allows everyone", Manifests.name(policy)).isNotEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void onlyTheIngressControllerPrometheusAndCallersReachAService(String environment) {
        Manifests build = Manifests.overlay(environment);
        for (String service : Routes.SERVICES) {
            JsonNode podLabels = build.get("Deployment", service).path("spec").path("template").path("metadata")
                    .path("labels");
            List<JsonNode> rules = new ArrayList<>();
            for (JsonNode policy : build.list("NetworkPolicy")) {
                JsonNode selector = policy.path("spec").path("podSelector").path("matchLabels");
                if (!selector.isEmpty() && WorkloadRulesTest.selects(selector, podLabels)) {
                    policy.path("spec").path("ingress").forEach(rules::add);
                }
            }
            assertThat(rules).as("policies for %s", service).isNotEmpty();
            Set<String> namespaces = new HashSet<>();
            Set<String> pods = new HashSet<>();
            for (JsonNode rule : rules) {
                for (JsonNode from : rule.path("from")) {
                    String namespace = from.path("namespaceSelector").path("matchLabels")
                            .path("kubernetes.io/metadata.name").asText(null);
                    if (namespace != null) {
                        namespaces.add(namespace);
                    } else {
                        pods.add(from.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText());
                    }
                }
            }
            assertThat(namespaces).as("namespaces reaching %s", service).containsExactlyInAnyOrder("ingress-nginx",
                    "monitoring");
            assertThat(pods).as("pods reaching %s", service).isEqualTo(CALLERS.get(service));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void theCallsTheServicesAreConfiguredToMakeAreAllowed(String environment) {
        Manifests build = Manifests.overlay(environment);
        for (String caller : Routes.SERVICES) {
            Map<String, String> config = build
                    .configOf(Manifests.containers(build.get("Deployment", caller), false).get(0));
            config.forEach((key, value) -> {
                if (key.startsWith("PARLEY_") && key.endsWith("_SERVICE_URL")) {
                    URI url = URI.create(value);
                    String target = url.getHost();
                    assertThat(CALLERS.get(target)).as("%s calls %s (%s)", caller, target, key).contains(caller);
                    assertThat(build.get("Service", target).path("spec").path("ports"))
                            .anySatisfy(p -> assertThat(p.path("port").asInt()).isEqualTo(url.getPort()));
                }
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void theServicesMayExportTracesToAnOpenTelemetryCollector(String environment) {
        Manifests build = Manifests.overlay(environment);
        for (String service : Routes.SERVICES) {
            JsonNode podLabels = build.get("Deployment", service).path("spec").path("template").path("metadata")
                    .path("labels");
            for (JsonNode policy : build.list("NetworkPolicy")) {
                JsonNode spec = policy.path("spec");
                JsonNode selector = spec.path("podSelector").path("matchLabels");
                boolean selected = spec.path("podSelector").isEmpty() || WorkloadRulesTest.selects(selector, podLabels);
                boolean restrictsEgress = texts(spec.path("policyTypes")).contains("Egress");
                if (selected && restrictsEgress) {
                    assertThat(spec.path("egress")).as("%s restricts %s's egress", Manifests.name(policy), service)
                            .anySatisfy(rule -> assertThat(reachesCollector(rule)).isTrue());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void onlyTheServicesReachPostgres(String environment) {
        Manifests build = Manifests.overlay(environment);
        JsonNode policy = build.get("NetworkPolicy", "parley-db");
        assertThat(policy.path("spec").path("podSelector").path("matchLabels").path("cnpg.io/cluster").asText())
                .isEqualTo("parley-db");
        Set<String> applications = new HashSet<>();
        for (JsonNode rule : policy.path("spec").path("ingress")) {
            boolean postgresPort = rule.path("ports").findValuesAsText("port").contains("5432");
            for (JsonNode from : rule.path("from")) {
                if (!postgresPort) {
                    continue;
                }
                for (JsonNode expression : from.path("podSelector").path("matchExpressions")) {
                    if (expression.path("key").asText().equals("app.kubernetes.io/name")) {
                        expression.path("values").forEach(v -> applications.add(v.asText()));
                    }
                }
                JsonNode namespace = from.path("namespaceSelector").path("matchLabels");
                if (!namespace.isMissingNode()) {
                    // Only the CloudNativePG operator from outside the namespace.
                    assertThat(namespace.path("kubernetes.io/metadata.name").asText()).isEqualTo("cnpg-system");
                }
            }
        }
        assertThat(applications).containsExactlyInAnyOrderElementsOf(Routes.SERVICES);
        // Migration Jobs carry their service's labels, so they are among those allowed.
        for (JsonNode job : build.list("Job")) {
            assertThat(job.path("spec").path("template").path("metadata").path("labels")
                    .path("app.kubernetes.io/part-of").asText()).isEqualTo("parley");
        }
        if (!environment.equals("dev")) {
            assertThat(build.get("NetworkPolicy", "parley-db-pooler").path("spec").path("ingress"))
                    .anySatisfy(rule -> assertThat(rule.toString()).contains("account-service")
                            .contains("friendship-service").doesNotContain("chat-service"));
        }
    }

    /** An egress rule that lets OTLP gRPC out to a collector in a namespace labelled as the observability one. */
    private static boolean reachesCollector(JsonNode rule) {
        boolean port = rule.path("ports").isEmpty()
                || rule.path("ports").findValuesAsText("port").contains(String.valueOf(OTLP_GRPC));
        boolean destination = rule.path("to").isEmpty();
        for (JsonNode to : rule.path("to")) {
            destination |= to.path("namespaceSelector").path("matchLabels").path("parley.dev/observability").asText()
                    .equals("true");
        }
        return port && destination;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
