package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
}
