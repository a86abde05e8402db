package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code scripts/restore-database.sh}, the restore step of docs/operations.md: the overlay it leaves behind creates
 * parley-db from the archive it wrote to, up to the time asked, archiving under a name of its own.
 */
class RestoreTest {

    private static final String PLUGIN = "barman-cloud.cloudnative-pg.io";

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void aRestoreToAPointInTimeRecoversFromTheCurrentArchiveAndArchivesAnew(String environment) {
        JsonNode cluster = Manifests.buildChanged("overlays/" + environment,
                copy -> restore(copy, environment, "--to", "2026-12-01T08:59:00Z").orFail("restore-database.sh"))
                .get("Cluster", "parley-db").path("spec");

        JsonNode bootstrap = cluster.path("bootstrap");
        assertThat(bootstrap.has("initdb")).as("initdb is gone").isFalse();
        assertThat(bootstrap.path("recovery").path("source").asText()).isEqualTo("parley-db-archive");
        assertThat(bootstrap.path("recovery").path("recoveryTarget").path("targetTime").asText())
                .isEqualTo("2026-12-01T08:59:00Z");
        assertThat(origin(cluster)).isEqualTo("parley-db");
        assertThat(archivesAs(cluster)).matches("parley-db-r\\d{8}t\\d{6}").isNotEqualTo("parley-db");
        // Everything else about the cluster stays: roles, size, parameters.
        JsonNode deployed = Manifests.overlay(environment).get("Cluster", "parley-db").path("spec");
        assertThat(cluster.path("managed")).isEqualTo(deployed.path("managed"));
        assertThat(cluster.path("instances")).isEqualTo(deployed.path("instances"));
        assertThat(cluster.path("postgresql")).isEqualTo(deployed.path("postgresql"));
    }

    @Test
    void aRestoreWithoutATimeReplaysTheWholeArchiveAndASecondOneStartsFromTheFirstsArchive() {
        JsonNode cluster = Manifests.buildChanged("overlays/prod", copy -> {
            restore(copy, "prod").orFail("first restore");
            // The archive names are by the second.
            sleep(Duration.ofMillis(1100));
            restore(copy, "prod").orFail("second restore");
        }).get("Cluster", "parley-db").path("spec");

        assertThat(cluster.path("bootstrap").path("recovery").has("recoveryTarget")).isFalse();
        assertThat(origin(cluster)).matches("parley-db-r\\d{8}t\\d{6}");
        assertThat(archivesAs(cluster)).matches("parley-db-r\\d{8}t\\d{6}").isNotEqualTo(origin(cluster));
    }

    @Test
    void devAndBadTimesAreRefusedWithoutChangingAnything() {
        Manifests unchanged = Manifests.buildChanged("overlays/prod", copy -> {
            assertThat(restore(copy, "dev").err()).contains("dev has no backups");
            assertThat(restore(copy, "prod", "--to", "2026-12-01 08:59").err()).contains("invalid time");
            assertThat(restore(copy, "prod", "--to", "2026-02-30T08:59:00Z").err()).contains("no such date");
            assertThat(restore(copy, "prod", "--to", "2999-01-01T00:00:00Z").err()).contains("in the future");
            assertThat(restore(copy, "prod", "--from", "x").exitCode()).isNotZero();
        });
        assertThat(unchanged.get("Cluster", "parley-db").path("spec").path("bootstrap").has("initdb")).isTrue();
    }

    private static Tools.Result restore(Path kubernetes, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("scripts/restore-database.sh"));
        command.addAll(List.of(arguments));
        return Tools.run(Repo.ROOT, Map.of("PARLEY_KUBERNETES", kubernetes.toString()), Duration.ofMinutes(1),
                command);
    }

    private static String origin(JsonNode cluster) {
        JsonNode archive = cluster.path("externalClusters").get(0);
        assertThat(archive.path("name").asText()).isEqualTo("parley-db-archive");
        assertThat(archive.path("plugin").path("name").asText()).isEqualTo(PLUGIN);
        assertThat(archive.path("plugin").path("parameters").path("barmanObjectName").asText())
                .isEqualTo("parley-db-backups");
        return archive.path("plugin").path("parameters").path("serverName").asText();
    }

    private static String archivesAs(JsonNode cluster) {
        JsonNode plugins = cluster.path("plugins");
        assertThat(plugins).hasSize(1);
        assertThat(plugins.get(0).path("isWALArchiver").asBoolean()).isTrue();
        return plugins.get(0).path("parameters").path("serverName").asText();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
