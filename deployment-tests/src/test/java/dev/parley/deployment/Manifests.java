package dev.parley.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The output of {@code kubectl kustomize} for the base, each overlay and the monitoring folder, parsed. Builds run on a
 * copy of {@code kubernetes/} whose dev credentials come from {@code scripts/dev-secrets.sh}, as a deploy makes them.
 */
final class Manifests {

    static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");
    static final YAMLMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private static final Map<String, Manifests> BUILDS = new ConcurrentHashMap<>();

    final String target;
    final List<JsonNode> resources;

    private Manifests(String target, List<JsonNode> resources) {
        this.target = target;
        this.resources = resources;
    }

    /** The build of {@code kubernetes/<target>} (e.g. "overlays/prod", "base"), made once per test run. */
    static Manifests of(String target) {
        return BUILDS.computeIfAbsent(target, t -> build(t, Map.of()));
    }

    static Manifests overlay(String environment) {
        return of("overlays/" + environment);
    }

    /**
     * A build of a copy whose files in {@code kubernetes/<target>} were changed first, each by its edit, as a deploy
     * changes them (never cached).
     */
    static Manifests buildEdited(String target, Map<String, UnaryOperator<String>> edits) {
        return build(target, edits);
    }

    /** A change to a copy of {@code kubernetes/}, given the copy's folder. */
    interface Change {

        void apply(Path kubernetes) throws IOException;
    }

    /** A build of a copy of {@code kubernetes/} after a change to the copy, a script run on it say (never cached). */
    static Manifests buildChanged(String target, Change change) {
        return build(target, copy -> {
        }, change);
    }

    private static Manifests build(String target, Map<String, UnaryOperator<String>> edits) {
        return build(target, copy -> {
            for (var edit : edits.entrySet()) {
                Path file = copy.resolve(target).resolve(edit.getKey());
                Files.writeString(file, edit.getValue().apply(Files.readString(file)));
            }
        }, copy -> {
        });
    }

    private static Manifests build(String target, Change edits, Change change) {
        Path copy = copyOfKubernetes();
        try {
            edits.apply(copy);
            change.apply(copy);
            String out = Tools.run(copy, List.of("kubectl", "kustomize", target))
                    .orFail("kubectl kustomize kubernetes/" + target);
            return new Manifests(target, parseAll(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(copy);
        }
    }

    static List<JsonNode> parseAll(String yaml) {
        try (var parser = new YAMLFactory().createParser(yaml)) {
            List<JsonNode> docs = new ArrayList<>();
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNextValue()) {
                JsonNode doc = values.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parseYamlFile(String relative) {
        try {
            return YAML.readTree(Repo.read(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Stream<JsonNode> all(String kind) {
        return resources.stream().filter(r -> kind.equals(r.path("kind").asText()));
    }

    List<JsonNode> list(String kind) {
        return all(kind).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return all(kind).filter(r -> name.equals(name(r))).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(kind + " " + name + " is missing from " + target));
    }

    static String name(JsonNode resource) {
        return resource.path("metadata").path("name").asText();
    }

    /** The data of the ConfigMap that a Deployment's or Job's container takes its environment from. */
    Map<String, String> configOf(JsonNode container) {
        Map<String, String> config = new java.util.TreeMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String ref = from.path("configMapRef").path("name").asText(null);
            if (ref != null) {
                get("ConfigMap", ref).path("data").fields()
                        .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            }
        }
        for (JsonNode env : container.path("env")) {
            if (env.has("value")) {
                config.put(env.path("name").asText(), env.path("value").asText());
            }
        }
        return config;
    }

    /** Pod spec of a Deployment or Job. */
    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    static List<JsonNode> containers(JsonNode workload, boolean withInit) {
        List<JsonNode> containers = new ArrayList<>();
        podSpec(workload).path("containers").forEach(containers::add);
        if (withInit) {
            podSpec(workload).path("initContainers").forEach(containers::add);
        }
        return containers;
    }

    /** The port of that name among a container's or a Service's ports, or a missing node. */
    static JsonNode port(JsonNode ports, String name) {
        for (JsonNode port : ports) {
            if (name.equals(port.path("name").asText())) {
                return port;
            }
        }
        return MissingNode.getInstance();
    }

    static String tagOf(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : "";
    }

    private static Path copyOfKubernetes() {
        try {
            Path temp = Files.createTempDirectory("parley-kubernetes");
            Path source = Repo.path("kubernetes");
            Path devSecrets = source.resolve("overlays/dev/secrets");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (file.startsWith(devSecrets) && !file.equals(devSecrets)) {
                        continue;
                    }
                    Path target = temp.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            Tools.run(Repo.ROOT, Map.of(), Duration.ofMinutes(1), List.of("scripts/dev-secrets.sh", "--offline",
                    temp.resolve("overlays/dev/secrets").toString())).orFail("scripts/dev-secrets.sh");
            return temp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
