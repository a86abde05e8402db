package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** One PostgreSQL cluster, one database, one schema and least-privilege role per service. */
class DatabaseTest {

    private static final Pattern CREATE_EXTENSION = Pattern
            .compile("(?im)^\\s*CREATE EXTENSION (?:IF NOT EXISTS )?\"?(\\w+)");

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

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void theExtensionsAServicesMigrationsNeedAreMadeInItsSchemaBeforeThey(String environment) throws IOException {
        // A service's role may not create extensions: the Database does, as scripts/prepare-database.sh and
        // docker-compose's PostgreSQL do, in the schema of the service whose migrations name them.
        Map<String, String> needed = ScriptsTest.libTable("SERVICE_EXTENSIONS");
        List<String> expected = new ArrayList<>();
        for (String service : Routes.SERVICES) {
            List<String> extensions = List.of(needed.get(service).split(" ")).stream().filter(e -> !e.isEmpty())
                    .toList();
            assertThat(extensions).as("extensions %s's migrations create", service)
                    .containsAll(migrationExtensions(service));
            extensions.forEach(extension -> expected.add(extension + " in " + WorkloadRulesTest.schema(service)));
        }
        assertThat(expected).contains("pg_trgm in chat");

        JsonNode database = Manifests.overlay(environment).list("Database").get(0);
        List<String> declared = new ArrayList<>();
        for (JsonNode extension : database.path("spec").path("extensions")) {
            assertThat(extension.path("ensure").asText()).isEqualTo("present");
            declared.add(extension.path("name").asText() + " in " + extension.path("schema").asText());
        }
        assertThat(declared).containsExactlyInAnyOrderElementsOf(expected);

        String compose = Repo.read("deploy/postgres/init-parley.sh");
        for (String extension : expected) {
            assertThat(compose).contains("CREATE EXTENSION IF NOT EXISTS " + extension.replace(" in ", " SCHEMA "));
        }
    }

    /** The extensions a service's migrations create (if they may), by name. */
    private static List<String> migrationExtensions(String service) throws IOException {
        List<String> extensions = new ArrayList<>();
        try (Stream<Path> files = Files.list(Repo.path(service + "/src/main/resources/db/migration"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher create = CREATE_EXTENSION.matcher(Files.readString(file));
                while (create.find()) {
                    extensions.add(create.group(1));
                }
            }
        }
        return extensions;
    }

    private static String decode(JsonNode secret, String key) {
        return new String(java.util.Base64.getDecoder().decode(secret.path("data").path(key).asText()),
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
