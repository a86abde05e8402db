package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** Migrations run as one Job per schema and release, with the service's own image. */
class MigrationJobTest {

    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern IMAGE_TAG = Pattern
            .compile("(- name: parley/(\\S+)\\n\\s+newName: \\S+\\n\\s+)newTag: \\S+");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void oneJobPerSchemaNamedAfterTheRelease(String environment) {
        Manifests build = Manifests.overlay(environment);
        String release = Manifests.parseYamlFile("kubernetes/overlays/" + environment + "/release.yaml")
                .path("data").path("release").asText();
        assertThat(build.list("Job")).hasSize(3);
        assertThat(build.find("ConfigMap", "parley-release")).as("the release is read by kustomize, never applied")
                .isEmpty();
        for (String service : Routes.SERVICES) {
            String schema = WorkloadRulesTest.schema(service);
            JsonNode deployment = build.get("Deployment", service);
            String image = Manifests.containers(deployment, false).get(0).path("image").asText();
            assertThat(Manifests.tagOf(image)).as("%s's committed images are tagged with its release", environment)
                    .isEqualTo(release);
            String name = "migrate-" + schema + "-" + release;

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
        Manifests release = release("staging", sha, k -> IMAGE_TAG.matcher(k).replaceAll("$1newTag: \"" + sha + "\""));

        assertThat(jobNames(release)).containsExactlyInAnyOrder("migrate-account-" + sha, "migrate-friendship-" + sha,
                "migrate-chat-" + sha);
        assertThat(jobNames(Manifests.overlay("staging"))).doesNotContainAnyElementsOf(jobNames(release));
        for (String service : Routes.SERVICES) {
            assertThat(Manifests.containers(release.get("Deployment", service), true))
                    .allSatisfy(c -> assertThat(c.path("image").asText()).endsWith(":" + sha));
        }
    }

    @Test
    void imagesPinnedByDigestStillGiveEachReleaseValidJobsOfItsOwn() {
        String previous = "3f9a2c4e1b7d8f6a5c3e2d1b0a9f8e7d6c5b4a39";
        String next = "8c1d0e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d";
        Manifests first = release("prod", previous, pinnedByDigest(previous));
        Manifests second = release("prod", next, pinnedByDigest(next));

        for (Manifests build : List.of(first, second)) {
            for (String service : Routes.SERVICES) {
                String image = Manifests.containers(build.get("Deployment", service), false).get(0).path("image")
                        .asText();
                assertThat(image).matches(".+/" + service + "@sha256:[0-9a-f]{64}");
                assertThat(Manifests.containers(build.get("Job", jobOf(build, service)), true))
                        .allSatisfy(c -> assertThat(c.path("image").asText()).isEqualTo(image));
            }
            assertThat(jobNames(build)).hasSize(3).doesNotHaveDuplicates()
                    .allSatisfy(name -> assertThat(name).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL));
        }
        assertThat(jobNames(first)).containsExactlyInAnyOrder("migrate-account-" + previous,
                "migrate-friendship-" + previous, "migrate-chat-" + previous);
        assertThat(jobNames(second)).doesNotContainAnyElementsOf(jobNames(first));
    }

    /** The overlay as scripts/deploy.sh renders a release: its images edited, its release.yaml naming the release. */
    private static Manifests release(String environment, String release, UnaryOperator<String> images) {
        return Manifests.buildEdited("overlays/" + environment, Map.of("kustomization.yaml", images, "release.yaml",
                r -> r.replaceAll("(?m)^  release: .*$", "  release: \"" + release + "\"")));
    }

    /** Every image pinned by a digest alone (no tag), a different one per service and build. */
    private static UnaryOperator<String> pinnedByDigest(String build) {
        return kustomization -> IMAGE_TAG.matcher(kustomization)
                .replaceAll(m -> m.group(1) + "digest: sha256:" + sha256(build + "/" + m.group(2)));
    }

    private static String jobOf(Manifests build, String service) {
        return build.all("Job")
                .filter(job -> job.path("metadata").path("labels").path("app.kubernetes.io/name").asText()
                        .equals(service))
                .map(Manifests::name).findFirst().orElseThrow(() -> new AssertionError("no Job for " + service));
    }

    private static List<String> jobNames(Manifests build) {
        return build.all("Job").map(Manifests::name).toList();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
