package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

class ImagesTest {

    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?");
    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)");
    private static final Pattern SECRET_SETTING = Pattern
            .compile("(?im)^(ENV|ARG)\\s+\\S*(PASSWORD|SECRET|PRIVATE_KEY|TOKEN)\\S*");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void imagesComeFromTheRegistryWithImmutableTagsOutsideDev(String environment) {
        Manifests build = Manifests.overlay(environment);
        List<JsonNode> workloads = new ArrayList<>(build.list("Deployment"));
        workloads.addAll(build.list("Job"));
        for (JsonNode workload : workloads) {
            for (JsonNode container : Manifests.containers(workload, true)) {
                String image = container.path("image").asText();
                assertThat(image).as("image of %s", Manifests.name(workload)).contains("/").doesNotContain("@");
                String tag = Manifests.tagOf(image);
                assertThat(tag).as("tag of %s", image).isNotEmpty();
                if (!environment.equals("dev")) {
                    assertThat(tag).as("tag of %s in %s", image, environment).isNotEqualTo("latest");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"account-service", "friendship-service", "chat-service"})
    void nativeImageIsBuiltWithMandrelAndRunsAsANonRootUser(String service) {
        String dockerfile = Repo.read(service + "/src/main/docker/Dockerfile.native");
        List<String> stages = stages(dockerfile);
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0)).startsWith("quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:");
        assertThat(stages.get(1)).startsWith("quay.io/quarkus/ubi9-quarkus-micro-image:");
        assertThat(dockerfile).contains("-Dnative").contains("-pl common," + service + " -am")
                .contains("COPY --from=build");
        assertThat(finalUser(dockerfile)).matches("[1-9][0-9]*");
        assertThat(dockerfile).containsPattern("ENTRYPOINT \\[\"\\./application\"");
        assertThat(SECRET_SETTING.matcher(dockerfile).find()).as("secret setting in the image").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"account-service", "friendship-service", "chat-service"})
    void jvmImageRunsTheFastJarAsANonRootUser(String service) {
        String dockerfile = Repo.read(service + "/src/main/docker/Dockerfile.jvm");
        assertThat(stages(dockerfile)).hasSize(2);
        assertThat(dockerfile).contains("/target/quarkus-app/").contains("quarkus-run.jar");
        assertThat(finalUser(dockerfile)).matches("[1-9][0-9]*");
        assertThat(SECRET_SETTING.matcher(dockerfile).find()).as("secret setting in the image").isFalse();
    }

    @Test
    void buildContextLeavesOutLocalStateAndBuildOutput() {
        assertThat(Repo.read(".dockerignore").lines()).contains(".var/", "**/target/", ".git/", "kubernetes/");
    }

    private static List<String> stages(String dockerfile) {
        List<String> images = new ArrayList<>();
        Matcher m = FROM.matcher(dockerfile);
        while (m.find()) {
            images.add(m.group(1));
        }
        return images;
    }

    private static String finalUser(String dockerfile) {
        String lastStage = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        Matcher m = USER.matcher(lastStage);
        String user = null;
        while (m.find()) {
            user = m.group(1);
        }
        return user;
    }
}
