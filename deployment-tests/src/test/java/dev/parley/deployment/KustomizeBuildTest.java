package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

class KustomizeBuildTest {

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/staging", "overlays/prod", "monitoring"})
    void builds(String target) {
        Manifests build = Manifests.of(target);

        assertThat(build.resources).isNotEmpty().allSatisfy(r -> {
            assertThat(r.path("apiVersion").asText()).isNotEmpty();
            assertThat(r.path("kind").asText()).isNotEmpty();
            assertThat(Manifests.name(r)).isNotEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyOverlayDeploysTheWholeStackIntoItsOwnNamespace(String environment) {
        Manifests build = Manifests.overlay(environment);

        assertThat(build.list("Namespace")).singleElement()
                .satisfies(ns -> assertThat(Manifests.name(ns)).isEqualTo(namespaceOf(environment)));
        assertThat(build.resources).filteredOn(r -> !r.path("kind").asText().equals("Namespace"))
                .allSatisfy(r -> assertThat(r.path("metadata").path("namespace").asText())
                        .as("namespace of %s %s", r.path("kind").asText(), Manifests.name(r))
                        .isEqualTo(namespaceOf(environment)));
        for (String service : Routes.SERVICES) {
            build.get("Deployment", service);
            build.get("Service", service);
            build.get("PodDisruptionBudget", service);
            build.get("HorizontalPodAutoscaler", service);
            build.get("ServiceMonitor", service);
        }
        assertThat(build.list("Ingress")).extracting(Manifests::name).containsExactlyInAnyOrder("parley",
                "parley-stream", "parley-store");
        assertThat(build.list("Cluster")).hasSize(1);
    }

    @Test
    void kustomizationsUseOnlyCurrentFields() throws IOException {
        List<String> deprecated = List.of("commonLabels", "patchesStrategicMerge", "patchesJson6902", "bases",
                "vars", "imageTags");
        for (Path file : kustomizations()) {
            JsonNode kustomization = Manifests.YAML.readTree(Files.readString(file));
            assertThat(deprecated).as("deprecated fields in %s", Repo.ROOT.relativize(file))
                    .noneMatch(kustomization::has);
        }
    }

    @Test
    void overlaysOnlyAdjustTheBase() throws IOException {
        for (String environment : Manifests.ENVIRONMENTS) {
            JsonNode kustomization = Manifests.YAML
                    .readTree(Repo.read("kubernetes/overlays/" + environment + "/kustomization.yaml"));
            assertThat(kustomization.path("resources")).as("%s resources", environment)
                    .extracting(JsonNode::asText).containsExactly("../../base", "release.yaml");
            kustomization.path("components").forEach(
                    c -> assertThat(c.asText()).as("%s components", environment).startsWith("../../components/"));
            // Shared concerns have one owner: the release names come from their component, the scale from the
            // autoscalers.
            assertThat(kustomization.path("components")).as("%s components", environment)
                    .extracting(JsonNode::asText).contains("../../components/release-names");
            assertThat(kustomization.has("replacements")).as("%s has replacements of its own", environment)
                    .isFalse();
            assertThat(kustomization.has("replicas")).as("%s sets replicas", environment).isFalse();
            boolean generatesSecrets = kustomization.has("secretGenerator");
            assertThat(generatesSecrets).as("%s generates Secrets (dev only)", environment)
                    .isEqualTo(environment.equals("dev"));
        }
    }

    static String namespaceOf(String environment) {
        return environment.equals("prod") ? "parley" : "parley-" + environment;
    }

    private static List<Path> kustomizations() throws IOException {
        try (Stream<Path> files = Files.walk(Repo.path("kubernetes"))) {
            List<Path> found = new ArrayList<>(
                    files.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList());
            assertThat(found).hasSizeGreaterThanOrEqualTo(8);
            return found;
        }
    }
}
