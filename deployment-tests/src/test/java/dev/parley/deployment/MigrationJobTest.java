package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** Migrations run as one Job per schema and release, with the service's own image. */
class MigrationJobTest {

    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void oneJobPerSchemaNamedAfterTheRelease(String environment) {
        Manifests build = Manifests.overlay(environment);
        assertThat(build.list("Job")).hasSize(3);
        for (String service : Routes.SERVICES) {
            String schema = WorkloadRulesTest.schema(service);
            JsonNode deployment = build.get("Deployment", service);
            String image = Manifests.containers(deployment, false).get(0).path("image").asText();
            String tag = Manifests.tagOf(image);
            String name = "migrate-" + schema + "-" + tag;

            JsonNode job = build.get("Job", name);
            assertThat(name).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL.replace("[-a-z0-9]", "[-a-z0-9.]"));
            JsonNode spec = job.path("spec");
            assertThat(spec.path("backoffLimit").isInt()).as("%s backoffLimit", name).isTrue();
            assertThat(spec.path("ttlSecondsAfterFinished").asInt()).as("%s ttl", name).isPositive();
            assertThat(spec.path("activeDeadlineSeconds").asInt()).as("%s deadline", name).isPositive();
            assertThat(Manifests.podSpec(job).path("restartPolicy").asText()).isEqualTo("Never");

            List<JsonNode> containers = Manifests.containers(job, true);
            assertThat(containers).hasSize(1);
            JsonNode migrate = containers.get(0);
            assertThat(migrate.path("image").asText()).isEqualTo(image);
            Map<String, String> config = build.configOf(migrate);
            assertThat(config).containsEntry("QUARKUS_INIT_AND_EXIT", "true")
                    .containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "true")
                    .containsKeys("QUARKUS_DATASOURCE_JDBC_URL");
            assertThat(WorkloadRulesTest.secretRef(migrate, "QUARKUS_DATASOURCE_USERNAME"))
                    .isEqualTo("parley-db-" + schema);
            // Same settings as the service it migrates for.
            assertThat(config.get("QUARKUS_DATASOURCE_JDBC_URL")).isEqualTo(
                    build.configOf(Manifests.containers(deployment, false).get(0)).get("QUARKUS_DATASOURCE_JDBC_URL"));
        }
    }

    @Test
    void aNewReleaseGetsNewJobsInsteadOfCollidingWithThePreviousOnes() {
        String sha = "3f9a2c4e1b7d8f6a5c3e2d1b0a9f8e7d6c5b4a39";
        Manifests release = Manifests.buildEdited("overlays/staging",
                k -> k.replaceAll("newTag: \"?[^\"\\n]+\"?", "newTag: \"" + sha + "\""));

        assertThat(release.list("Job")).extracting(Manifests::name).containsExactlyInAnyOrder(
                "migrate-account-" + sha, "migrate-friendship-" + sha, "migrate-chat-" + sha);
        assertThat(Manifests.overlay("staging").list("Job")).extracting(Manifests::name)
                .doesNotContainAnyElementsOf(release.list("Job").stream().map(Manifests::name).toList());
        for (String service : Routes.SERVICES) {
            assertThat(Manifests.containers(release.get("Deployment", service), true))
                    .allSatisfy(c -> assertThat(c.path("image").asText()).endsWith(":" + sha));
        }
    }
}
