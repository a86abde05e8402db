package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** One PostgreSQL cluster, one database, one schema and least-privilege role per service. */
class DatabaseTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void clusterSizeAndPooler(String environment) {
        Manifests build = Manifests.overlay(environment);
        JsonNode cluster = build.get("Cluster", "parley-db");
        boolean dev = environment.equals("dev");
        assertThat(cluster.path("spec").path("instances").asInt()).isEqualTo(dev ? 1 : 3);
        assertThat(cluster.path("spec").path("imageName").asText()).matches(".+:[0-9][^:]*");

        if (dev) {
            assertThat(build.list("Pooler")).isEmpty();
        } else {
            JsonNode pooler = build.list("Pooler").get(0);
            assertThat(pooler.path("spec").path("cluster").path("name").asText()).isEqualTo("parley-db");
            assertThat(pooler.path("spec").path("type").asText()).isEqualTo("rw");
            // LISTEN/NOTIFY and prepared statements need a session of their own.
            assertThat(pooler.path("spec").path("pgbouncer").path("poolMode").asText()).isEqualTo("session");
            assertThat(pooler.path("spec").path("instances").asInt()).isGreaterThanOrEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void eachServiceHasItsOwnLeastPrivilegeRoleOwningItsSchema(String environment) {
        Manifests build = Manifests.overlay(environment);
        JsonNode cluster = build.get("Cluster", "parley-db");
        JsonNode database = build.list("Database").get(0);
        assertThat(database.path("spec").path("name").asText()).isEqualTo("parley");
        assertThat(database.path("spec").path("cluster").path("name").asText()).isEqualTo("parley-db");
        assertThat(cluster.path("spec").path("enableSuperuserAccess").asBoolean(true)).isFalse();

        for (String service : Routes.SERVICES) {
            String schema = WorkloadRulesTest.schema(service);
            String role = "parley_" + schema;
            JsonNode managed = null;
            for (JsonNode r : cluster.path("spec").path("managed").path("roles")) {
                if (r.path("name").asText().equals(role)) {
                    managed = r;
                }
            }
            assertThat(managed).as("managed role %s", role).isNotNull();
            assertThat(managed.path("login").asBoolean()).isTrue();
            for (String privilege : new String[]{"superuser", "createdb", "createrole", "replication",
                    "bypassrls"}) {
                assertThat(managed.path(privilege).asBoolean(true)).as("%s %s", role, privilege).isFalse();
            }
            String secret = managed.path("passwordSecret").path("name").asText();
            JsonNode container = Manifests.containers(build.get("Deployment", service), false).get(0);
            assertThat(WorkloadRulesTest.secretRef(container, "QUARKUS_DATASOURCE_PASSWORD")).isEqualTo(secret);

            assertThat(database.path("spec").path("schemas")).as("schema %s", schema)
                    .anySatisfy(s -> {
                        assertThat(s.path("name").asText()).isEqualTo(schema);
                        assertThat(s.path("owner").asText()).isEqualTo(role);
                    });

            if (environment.equals("dev")) {
                JsonNode generated = build.get("Secret", secret);
                assertThat(generated.path("type").asText()).isEqualTo("kubernetes.io/basic-auth");
                assertThat(decode(generated, "username")).isEqualTo(role);
                assertThat(decode(generated, "password")).hasSizeGreaterThanOrEqualTo(32);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void servicesConnectWhereTheirSessionsWork(String environment) {
        Manifests build = Manifests.overlay(environment);
        // The Pooler's Service is named after it.
        String pooler = build.list("Pooler").stream().map(Manifests::name).findFirst().orElse("parley-db-rw");
        for (String service : Routes.SERVICES) {
            Map<String, String> config = build
                    .configOf(Manifests.containers(build.get("Deployment", service), false).get(0));
            URI reactive = URI.create(config.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
            URI jdbc = URI.create(config.get("QUARKUS_DATASOURCE_JDBC_URL").substring("jdbc:".length()));
            // Flyway always migrates on a direct connection.
            assertThat(jdbc.getHost()).isEqualTo("parley-db-rw");
            assertThat(jdbc.getPath()).isEqualTo("/parley");
            assertThat(reactive.getPath()).isEqualTo("/parley");
            // chat-service's LISTEN session per replica connects directly; the others may share the pooler.
            assertThat(reactive.getHost()).as("%s reactive URL", service)
                    .isEqualTo(service.equals("chat-service") ? "parley-db-rw" : pooler);
        }
    }

    private static String decode(JsonNode secret, String key) {
        return new String(java.util.Base64.getDecoder().decode(secret.path("data").path(key).asText()),
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
