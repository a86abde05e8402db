package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** docker-compose.yml is valid and brings up the whole stack in the right order. */
class ComposeTest {

    private static JsonNode services;
    private static JsonNode compose;

    @BeforeAll
    static void resolve() {
        Tools.require("docker-compose");
        Tools.run(Repo.ROOT, List.of("docker-compose", "-f", "docker-compose.yml", "config", "-q"))
                .orFail("docker-compose config -q");
        String resolved = Tools.run(Repo.ROOT, List.of("docker-compose", "-f", "docker-compose.yml", "config"))
                .orFail("docker-compose config");
        compose = Manifests.parseAll(resolved).get(0);
        services = compose.path("services");
    }

    @Test
    void postgresKeepsItsDataAndReportsItsHealth() {
        JsonNode postgres = services.path("postgres");
        assertThat(postgres.path("healthcheck").path("test").toString()).contains("pg_isready");
        assertThat(postgres.path("volumes").toString()).contains("/var/lib/postgresql/data")
                .contains("docker-entrypoint-initdb.d");
        assertThat(compose.path("volumes").has("pgdata")).isTrue();
    }

    @Test
    void eachSchemaIsMigratedByAOneShotServiceThatItsServiceWaitsFor() {
        for (String service : Routes.SERVICES) {
            String schema = WorkloadRulesTest.schema(service);
            JsonNode migrate = services.path(schema + "-migrate");
            JsonNode app = services.path(service);
            assertThat(migrate.isMissingNode()).as("%s-migrate", schema).isFalse();
            assertThat(migrate.path("image").asText()).isEqualTo(app.path("image").asText());
            assertThat(migrate.path("environment").path("QUARKUS_INIT_AND_EXIT").asText()).isEqualTo("true");
            assertThat(migrate.path("environment").path("QUARKUS_FLYWAY_MIGRATE_AT_START").asText()).isEqualTo("true");
            assertThat(migrate.path("depends_on").path("postgres").path("condition").asText())
                    .isEqualTo("service_healthy");
            assertThat(migrate.path("restart").asText()).isEqualTo("no");
            assertThat(app.path("depends_on").path(schema + "-migrate").path("condition").asText())
                    .isEqualTo("service_completed_successfully");
            assertThat(app.path("environment").path("QUARKUS_INIT_AND_EXIT").isMissingNode()).isTrue();
            assertThat(app.path("environment").path("QUARKUS_DATASOURCE_USERNAME").asText())
                    .isEqualTo("parley_" + schema);
            assertThat(app.path("build").path("dockerfile").asText()).startsWith(service + "/src/main/docker/");
        }
    }

    @Test
    void mailGoesToMailpit() {
        assertThat(services.path("mailpit").path("image").asText()).startsWith("axllent/mailpit:");
        assertThat(services.path("account-service").path("environment").path("QUARKUS_MAILER_HOST").asText())
                .isEqualTo("mailpit");
    }

    @Test
    void theProxyServesTheSharedTemplateOnPort8080() {
        JsonNode proxy = services.path("proxy");
        assertThat(proxy.path("ports").toString()).contains("8080");
        assertThat(proxy.path("volumes").toString()).contains("deploy/nginx/parley.conf.template")
                .contains("/etc/nginx/templates/");
        // The web client is built into the proxy's image, where the template serves it from.
        assertThat(proxy.path("build").path("dockerfile").asText()).isEqualTo("deploy/nginx/Dockerfile");
        assertThat(Repo.read("deploy/nginx/Dockerfile")).contains("npm ci").contains("npm run build")
                .contains("COPY --from=web /clients/web/dist /etc/nginx/web");
        JsonNode env = proxy.path("environment");
        for (String service : Routes.SERVICES) {
            String upstream = env.path("UPSTREAM_" + service.toUpperCase().replace('-', '_')).asText();
            assertThat(upstream).isEqualTo(service + ":" + port(service))
                    .isNotEqualTo(service + ":" + internalPort(service));
        }
    }

    @Test
    void prometheusScrapesEveryService() {
        JsonNode prometheus = services.path("prometheus");
        assertThat(prometheus.path("volumes").toString()).contains("deploy/prometheus");
        JsonNode config = Manifests.parseYamlFile("deploy/prometheus/prometheus.yml");
        List<String> targets = new ArrayList<>();
        for (JsonNode job : config.path("scrape_configs")) {
            if (Routes.SERVICES.contains(job.path("job_name").asText())) {
                assertThat(job.path("metrics_path").asText()).isEqualTo("/q/metrics");
                job.path("static_configs").forEach(s -> s.path("targets").forEach(t -> targets.add(t.asText())));
            }
        }
        assertThat(targets).containsExactlyInAnyOrder(Routes.SERVICES.stream().map(s -> s + ":" + port(s))
                .toArray(String[]::new));
    }

    @Test
    void everyServiceExportsItsTracesToJaeger() {
        JsonNode jaeger = services.path("jaeger");
        assertThat(jaeger.path("image").asText()).matches("jaegertracing/all-in-one:\\d+\\.\\d+\\.\\d+");
        assertThat(jaeger.path("environment").path("COLLECTOR_OTLP_ENABLED").asText()).isEqualTo("true");
        assertThat(jaeger.path("ports").toString()).as("the UI and the OTLP gRPC receiver").contains("16686")
                .contains("4317");
        for (String service : Routes.SERVICES) {
            JsonNode app = services.path(service);
            // The services export traces only when this is set.
            URI endpoint = URI.create(app.path("environment").path("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").asText());
            assertThat(endpoint).as("%s's OTLP endpoint", service).hasScheme("http").hasHost("jaeger").hasPort(4317);
            assertThat(app.path("depends_on").has("jaeger")).as("%s starts after jaeger", service).isTrue();
        }
    }

    @Test
    void theServicesReachEachOthersInternalPortsInsideTheComposeNetworkOnly() {
        Manifests base = Manifests.of("base");
        for (String service : Routes.SERVICES) {
            JsonNode env = services.path(service).path("environment");
            Map<String, String> cluster = base.configOf(
                    Manifests.containers(base.get("Deployment", service), false).get(0));
            // The same internal port, and the same feeds and export sources at the same addresses, as on Kubernetes.
            assertThat(internalPort(service)).as("%s's PARLEY_INTERNAL_PORT", service)
                    .isEqualTo(cluster.get("PARLEY_INTERNAL_PORT")).isNotEqualTo(port(service));
            Map<String, String> sources = new TreeMap<>();
            env.fields().forEachRemaining(e -> {
                if (e.getKey().matches("PARLEY_(EVENTS|EXPORT)_SOURCES_[A-Z]+_URL")) {
                    sources.put(e.getKey(), e.getValue().asText());
                }
            });
            assertThat(sources).as("what %s reads at the internal ports", service).isNotEmpty()
                    .isEqualTo(new TreeMap<>(cluster.entrySet().stream()
                            .filter(e -> e.getKey().matches("PARLEY_(EVENTS|EXPORT)_SOURCES_[A-Z]+_URL"))
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
        }
        // Never published on the host: only the containers on the compose network reach them.
        services.fields().forEachRemaining(e -> {
            for (String service : Routes.SERVICES) {
                assertThat(e.getValue().path("ports").toString()).as("ports of %s", e.getKey())
                        .doesNotContainPattern("\\b" + internalPort(service) + "\\b");
            }
        });
    }

    @Test
    void everyServiceAndMigrationGetsTheSameServiceTokenFromTheEnvironment() {
        String given = "a-service-token-from-the-environment-0123456789";
        String resolved = Tools.run(Repo.ROOT, Map.of("PARLEY_INTERNAL_TOKEN", given), Duration.ofMinutes(1),
                List.of("docker-compose", "-f", "docker-compose.yml", "config")).orFail("docker-compose config");
        JsonNode withToken = Manifests.parseAll(resolved).get(0).path("services");
        for (String service : Routes.SERVICES) {
            String migrate = WorkloadRulesTest.schema(service) + "-migrate";
            for (String name : List.of(service, migrate)) {
                assertThat(withToken.path(name).path("environment").path("PARLEY_INTERNAL_TOKEN").asText())
                        .as("%s's PARLEY_INTERNAL_TOKEN", name).isEqualTo(given);
                // Without one, a stack on one machine still starts: all with the same token.
                assertThat(services.path(name).path("environment").path("PARLEY_INTERNAL_TOKEN").asText())
                        .as("%s's default PARLEY_INTERNAL_TOKEN", name).hasSizeGreaterThanOrEqualTo(32)
                        .isEqualTo(services.path("account-service").path("environment")
                                .path("PARLEY_INTERNAL_TOKEN").asText());
            }
        }
    }

    private static String internalPort(String service) {
        return services.path(service).path("environment").path("PARLEY_INTERNAL_PORT").asText();
    }

    private static String port(String service) {
        return services.path(service).path("environment").path("QUARKUS_HTTP_PORT").asText();
    }
}
