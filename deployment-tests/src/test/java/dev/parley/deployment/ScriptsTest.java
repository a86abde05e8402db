package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptsTest {

    @ParameterizedTest
    @ValueSource(strings = {"scripts/deploy.sh", "scripts/build-images.sh", "scripts/dev-secrets.sh",
            "scripts/render-proxy-config.sh", "scripts/install-deploy-tools.sh", "scripts/native-sources.sh",
            "scripts/run.sh", "scripts/prepare-database.sh", "deploy/postgres/init-parley.sh"})
    void isValidBash(String script) {
        assertThat(Files.isExecutable(Repo.path(script))).as("%s is executable", script).isTrue();
        Tools.run(Repo.ROOT, List.of("bash", "-n", script)).orFail("bash -n " + script);
    }

    @Test
    void theScriptsTakeTheServicesPortsAndSchemasFromLibOnly() throws IOException {
        String table = Tools.run(Repo.ROOT, List.of("bash", "-c", "source scripts/lib.sh && for s in "
                + "\"${SERVICES[@]}\"; do echo \"$s ${SERVICE_PORT[$s]} ${SERVICE_SCHEMA[$s]} "
                + "${SERVICE_INTERNAL_PORT[$s]}\"; done"))
                .orFail("the service table of scripts/lib.sh");
        Manifests base = Manifests.of("base");
        // Locally the services listen on the ports their Kubernetes Services expose, and own the same schemas.
        assertThat(table.lines()).containsExactlyElementsOf(Routes.SERVICES.stream()
                .map(s -> s + " " + base.get("Service", s).path("spec").path("ports").get(0).path("port").asInt() + " "
                        + WorkloadRulesTest.schema(s) + " "
                        + Manifests.port(base.get("Service", s).path("spec").path("ports"), "internal").path("port")
                                .asInt())
                .toList());

        List<Pattern> copies = new ArrayList<>(List.of(Pattern.compile("\\baccount\\s+friendship\\s+chat\\b"),
                Pattern.compile("\\[account-service\\]=")));
        table.lines().forEach(line -> copies.add(Pattern.compile("\\b" + line.split(" ")[1] + "\\b")));
        table.lines().forEach(line -> copies.add(Pattern.compile("\\b" + line.split(" ")[3] + "\\b")));
        try (Stream<Path> scripts = Files.list(Repo.path("scripts"))) {
            for (Path script : scripts.filter(s -> s.toString().endsWith(".sh")).toList()) {
                if (script.getFileName().toString().equals("lib.sh")) {
                    continue;
                }
                String code = Files.readString(script).replaceAll("(?m)^\\s*#.*$", "");
                assertThat(copies).as("the service table copied into %s", Repo.ROOT.relativize(script))
                        .noneMatch(copy -> copy.matcher(code).find());
            }
        }
    }

    @Test
    void theLocalRunWiresTheInternalPortsAsKubernetesDoes() {
        Manifests base = Manifests.of("base");
        Map<String, String> internalPorts = libTable("SERVICE_INTERNAL_PORT");
        for (String service : Routes.SERVICES) {
            Map<String, String> local = localEnvironment(service);
            Map<String, String> cluster = base.configOf(
                    Manifests.containers(base.get("Deployment", service), false).get(0));
            assertThat(local.get("PARLEY_INTERNAL_PORT")).as("%s's internal port", service)
                    .isEqualTo(internalPorts.get(service)).isEqualTo(cluster.get("PARLEY_INTERNAL_PORT"));
            assertThat(local.get("PARLEY_INTERNAL_HOST")).as("where %s's internal port listens", service)
                    .isEqualTo("127.0.0.1");
            Map<String, String> localSources = internalSources(local);
            Map<String, String> clusterSources = internalSources(cluster);
            assertThat(localSources.keySet()).as("what %s reads at the internal ports", service)
                    .isNotEmpty().isEqualTo(clusterSources.keySet());
            clusterSources.forEach((key, value) -> {
                URI url = URI.create(value);
                // The same service's internal port, on this machine instead of at its Service's name.
                assertThat(localSources.get(key)).as("%s of %s", key, service)
                        .isEqualTo("http://127.0.0.1:" + internalPorts.get(url.getHost()));
                assertThat(url.getPort()).isEqualTo(Integer.parseInt(internalPorts.get(url.getHost())));
            });
        }
    }

    @Test
    void theLocalRunMakesAServiceTokenForEachRunUnlessOneIsGiven() throws Exception {
        Path dir = Files.createTempDirectory("parley-run-secrets");
        try {
            String script = "source scripts/lib.sh; SECRETS_DIR=\"$1\"; "
                    + function("scripts/run.sh", "prepare_secrets")
                    + "\nprepare_secrets; echo \"$PARLEY_INTERNAL_TOKEN\"";
            List<String> command = List.of("bash", "-c", script, "run", dir.toString());
            String first = Tools.run(Repo.ROOT, Map.of(), Duration.ofMinutes(1), command).orFail("prepare_secrets")
                    .strip();
            String second = Tools.run(Repo.ROOT, Map.of(), Duration.ofMinutes(1), command).orFail("prepare_secrets")
                    .strip();
            assertThat(first).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(second);
            assertThat(Files.readString(dir.resolve("internal-token")).strip()).isEqualTo(second);
            String given = Tools.run(Repo.ROOT, Map.of("PARLEY_INTERNAL_TOKEN", "a-token-from-the-environment"),
                    Duration.ofMinutes(1), command).orFail("prepare_secrets with PARLEY_INTERNAL_TOKEN").strip();
            assertThat(given).isEqualTo("a-token-from-the-environment");
        } finally {
            Manifests.delete(dir);
        }
    }

    @Test
    void deployRefusesMutableTagsOutsideDev() {
        for (String environment : List.of("staging", "prod")) {
            Tools.Result result = Tools.run(Repo.ROOT, List.of("scripts/deploy.sh", environment, "latest"));
            assertThat(result.exitCode()).isNotZero();
            assertThat(result.err()).contains("never 'latest'");
        }
        Tools.Result result = Tools.run(Repo.ROOT, List.of("scripts/deploy.sh", "qa", "abc"));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("usage");
    }

    @Test
    void imagesAreNeverBuiltAsLatest() {
        Tools.Result result = Tools.run(Repo.ROOT, List.of("scripts/build-images.sh", "latest"));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("never 'latest'");
    }

    @Test
    void devCredentialsAreGeneratedOnceAndKept() throws Exception {
        Path dir = Files.createTempDirectory("parley-dev-secrets");
        try {
            List<String> command = List.of("scripts/dev-secrets.sh", "--offline", dir.toString());
            Tools.run(Repo.ROOT, Map.of(), Duration.ofMinutes(1), command).orFail("dev-secrets.sh");
            String key = Files.readString(dir.resolve("jwt-private.pem"));
            String db = Files.readString(dir.resolve("db-chat.env"));
            String token = Files.readString(dir.resolve("internal-token"));
            Tools.run(Repo.ROOT, Map.of(), Duration.ofMinutes(1), command).orFail("dev-secrets.sh again");

            assertThat(key).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(Files.readString(dir.resolve("jwt-private.pem"))).isEqualTo(key);
            assertThat(Files.readString(dir.resolve("db-chat.env"))).isEqualTo(db).startsWith("username=parley_chat\n");
            assertThat(Files.readString(dir.resolve("verification-secret"))).hasSizeGreaterThanOrEqualTo(32);
            assertThat(Files.readString(dir.resolve("internal-token"))).isEqualTo(token)
                    .hasSizeGreaterThanOrEqualTo(32);
        } finally {
            Manifests.delete(dir);
        }
    }

    @Test
    void devCredentialsAreNeverCommitted() {
        assertThat(Repo.read("kubernetes/overlays/dev/secrets/.gitignore").lines()).contains("*", "!.gitignore");
    }

    /** A table of scripts/lib.sh: each service's value in the associative array of that name. */
    static Map<String, String> libTable(String array) {
        String out = Tools.run(Repo.ROOT, List.of("bash", "-c", "source scripts/lib.sh && for s in \"${SERVICES[@]}\"; "
                + "do echo \"$s ${" + array + "[$s]}\"; done")).orFail(array + " of scripts/lib.sh");
        Map<String, String> table = new LinkedHashMap<>();
        out.lines().forEach(line -> table.put(line.substring(0, line.indexOf(' ')),
                line.substring(line.indexOf(' ') + 1)));
        return table;
    }

    /** The environment scripts/run.sh starts a service with (its service_env), as it computes it. */
    private static Map<String, String> localEnvironment(String service) {
        String script = "source scripts/lib.sh; PG_HOST=127.0.0.1 PG_PORT=5432 DB_NAME=parley\n"
                + function("scripts/run.sh", "internal_url") + "\n" + function("scripts/run.sh", "service_env")
                + "\nservice_env \"$1\"; printf '%s\\n' \"${SERVICE_ENV[@]}\"";
        String out = Tools.run(Repo.ROOT, List.of("bash", "-c", script, "run", service))
                .orFail("service_env " + service + " of scripts/run.sh");
        Map<String, String> env = new LinkedHashMap<>();
        out.lines().forEach(line -> env.put(line.substring(0, line.indexOf('=')),
                line.substring(line.indexOf('=') + 1)));
        return env;
    }

    /** A shell function of a script, as written there: one line, or up to the closing brace at the line start. */
    private static String function(String script, String name) {
        List<String> lines = Repo.read(script).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(name + "() {")) {
                if (lines.get(i).strip().endsWith("}")) {
                    return lines.get(i);
                }
                int end = lines.subList(i, lines.size()).indexOf("}");
                assertThat(end).as("the end of %s in %s", name, script).isPositive();
                return String.join("\n", lines.subList(i, i + end + 1));
            }
        }
        throw new AssertionError(script + " has no function " + name);
    }

    /** The settings that point at other services' internal ports: the feeds followed, the export sources. */
    private static Map<String, String> internalSources(Map<String, String> env) {
        Map<String, String> sources = new TreeMap<>();
        env.forEach((key, value) -> {
            if (key.matches("PARLEY_(EVENTS|EXPORT)_SOURCES_[A-Z]+_URL")) {
                sources.put(key, value);
            }
        });
        return sources;
    }
}
