package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Only the ingress controller, Prometheus and the services that call a service reach its HTTP port; only the services
 * that read its event feed or its part of a data export reach its internal port; only services reach PostgreSQL; the
 * services' traces may leave for an OpenTelemetry collector.
 */
class NetworkPolicyTest {

    /** Who calls each service's HTTP port. */
    private static final Map<String, Set<String>> CALLERS = Map.of(
            "account-service", Set.of("friendship-service", "chat-service"),
            "friendship-service", Set.of("chat-service"),
            "chat-service", Set.of());
    /**
     * Who reads each service's internal port: friendship-service and chat-service follow account-service's event feed,
     * chat-service friendship-service's; account-service gathers the others' parts of a user's data export.
     */
    static final Map<String, Set<String>> INTERNAL_CONSUMERS = Map.of(
            "account-service", Set.of("friendship-service", "chat-service"),
            "friendship-service", Set.of("chat-service", "account-service"),
            "chat-service", Set.of("account-service"));
    /** The settings that point a service at another's internal port: a feed it follows, an export source. */
    private static final Pattern INTERNAL_SOURCE = Pattern.compile("PARLEY_(EVENTS|EXPORT)_SOURCES_([A-Z]+)_URL");
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
            List<JsonNode> rules = rulesFor(build, service);
            assertThat(rules).as("policies for %s", service).isNotEmpty();
            Set<String> namespaces = new HashSet<>();
            Set<String> pods = new HashSet<>();
            for (JsonNode rule : rules) {
                if (!ports(build, service, rule).contains("http")) {
                    continue;
                }
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
    void onlyTheServicesThatReadItReachAServicesInternalPort(String environment) {
        Manifests build = Manifests.overlay(environment);
        for (String service : Routes.SERVICES) {
            Set<String> pods = new HashSet<>();
            for (JsonNode rule : rulesFor(build, service)) {
                Set<String> ports = ports(build, service, rule);
                // A rule without ports opens every port of the pod, the internal one too.
                assertThat(ports).as("ports of a rule for %s", service).isNotEmpty().isSubsetOf("http", "internal");
                if (!ports.contains("internal")) {
                    continue;
                }
                for (JsonNode from : rule.path("from")) {
                    assertThat(from.has("namespaceSelector") || from.has("ipBlock"))
                            .as("%s's internal port is open beyond the namespace's pods", service).isFalse();
                    JsonNode labels = from.path("podSelector").path("matchLabels");
                    assertThat(from.path("podSelector").has("matchExpressions")).isFalse();
                    assertThat(labels.path("app.kubernetes.io/component").asText())
                            .as("only the services' own pods reach %s's internal port", service).isEqualTo("server");
                    pods.add(labels.path("app.kubernetes.io/name").asText());
                }
            }
            assertThat(pods).as("pods reaching %s's internal port", service)
                    .isEqualTo(INTERNAL_CONSUMERS.get(service));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void theFeedsAndExportsTheServicesAreConfiguredToReadAreAllowedAtTheInternalPort(String environment) {
        Manifests build = Manifests.overlay(environment);
        Map<String, Set<String>> consumers = new HashMap<>();
        for (String caller : Routes.SERVICES) {
            Map<String, String> config = build
                    .configOf(Manifests.containers(build.get("Deployment", caller), false).get(0));
            config.forEach((key, value) -> {
                Matcher source = INTERNAL_SOURCE.matcher(key);
                if (source.matches()) {
                    URI url = URI.create(value);
                    String target = url.getHost();
                    assertThat(source.group(2).toLowerCase() + "-service").as("%s names %s", key, target)
                            .isEqualTo(target);
                    assertThat(url.getPort()).as("%s: %s's internal port", key, target).isEqualTo(
                            Manifests.port(build.get("Service", target).path("spec").path("ports"), "internal")
                                    .path("port").asInt());
                    consumers.computeIfAbsent(target, t -> new HashSet<>()).add(caller);
                }
            });
        }
        // Every consumer the policies let in reads the port, and every reader is let in.
        assertThat(consumers).isEqualTo(INTERNAL_CONSUMERS.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
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
        // The instances only: the pooler's pods carry the cluster's label too, and their own policy must hold.
        assertThat(policy.path("spec").path("podSelector").path("matchLabels").path("cnpg.io/cluster").asText())
                .isEqualTo("parley-db");
        assertThat(policy.path("spec").path("podSelector").path("matchLabels").path("cnpg.io/podRole").asText())
                .isEqualTo("instance");
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

    /** The ingress rules of the policies that select a service's pods. */
    private static List<JsonNode> rulesFor(Manifests build, String service) {
        JsonNode podLabels = build.get("Deployment", service).path("spec").path("template").path("metadata")
                .path("labels");
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode policy : build.list("NetworkPolicy")) {
            JsonNode selector = policy.path("spec").path("podSelector").path("matchLabels");
            if (!selector.isEmpty() && WorkloadRulesTest.selects(selector, podLabels)) {
                policy.path("spec").path("ingress").forEach(rules::add);
            }
        }
        return rules;
    }

    /** The names of the service's container ports a rule opens (by name or by number). */
    private static Set<String> ports(Manifests build, String service, JsonNode rule) {
        JsonNode containerPorts = Manifests.containers(build.get("Deployment", service), false).get(0).path("ports");
        Set<String> names = new HashSet<>();
        for (JsonNode port : rule.path("ports")) {
            String text = port.path("port").asText();
            for (JsonNode containerPort : containerPorts) {
                if (text.equals(containerPort.path("name").asText())
                        || text.equals(containerPort.path("containerPort").asText())) {
                    names.add(containerPort.path("name").asText());
                }
            }
        }
        return names;
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
