package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** The rules every workload of every environment follows. */
class WorkloadRulesTest {

    private static final int SHUTDOWN_TIMEOUT_SECONDS = 20;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyContainerHasLimitsAndRunsLockedDown(String environment) {
        Manifests build = Manifests.overlay(environment);
        List<JsonNode> workloads = new ArrayList<>(build.list("Deployment"));
        workloads.addAll(build.list("Job"));
        assertThat(workloads).hasSize(6);

        for (JsonNode workload : workloads) {
            String name = Manifests.name(workload);
            JsonNode pod = Manifests.podSpec(workload);
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as("%s runAsNonRoot", name)
                    .isTrue();
            assertThat(pod.path("securityContext").path("runAsUser").asInt()).as("%s runAsUser", name).isPositive();
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as("%s token", name).isFalse();
            for (JsonNode container : Manifests.containers(workload, true)) {
                String what = name + "/" + container.path("name").asText();
                JsonNode resources = container.path("resources");
                for (String kind : List.of("requests", "limits")) {
                    assertThat(resources.path(kind).path("cpu").asText()).as("%s %s.cpu", what, kind).isNotEmpty();
                    assertThat(resources.path(kind).path("memory").asText()).as("%s %s.memory", what, kind)
                            .isNotEmpty();
                }
                JsonNode security = container.path("securityContext");
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as("%s escalation", what)
                        .isFalse();
                assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as("%s read-only root", what)
                        .isTrue();
                assertThat(security.path("capabilities").path("drop")).as("%s capabilities", what)
                        .extracting(JsonNode::asText).contains("ALL");
                // A read-only root needs a writable /tmp for Quarkus and Vert.x.
                String tmpVolume = mountAt(container, "/tmp");
                assertThat(tmpVolume).as("%s mounts /tmp", what).isNotNull();
                assertThat(volume(pod, tmpVolume).has("emptyDir")).as("%s /tmp is an emptyDir", what).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyServiceIsProbedDrainedAndScaled(String environment) {
        Manifests build = Manifests.overlay(environment);
        for (String service : Routes.SERVICES) {
            JsonNode deployment = build.get("Deployment", service);
            JsonNode container = Manifests.containers(deployment, false).get(0);
            assertThat(Manifests.containers(deployment, false)).hasSize(1);
            assertThat(container.path("name").asText()).isEqualTo(service);

            assertThat(probePath(container, "startupProbe")).isEqualTo("/q/health/started");
            assertThat(probePath(container, "readinessProbe")).isEqualTo("/q/health/ready");
            assertThat(probePath(container, "livenessProbe")).isEqualTo("/q/health/live");
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertThat(portNames(container)).as("%s %s port", service, probe)
                        .contains(container.path(probe).path("httpGet").path("port").asText());
            }

            int preStop = container.path("lifecycle").path("preStop").path("sleep").path("seconds").asInt();
            assertThat(preStop).as("%s preStop sleep", service).isPositive();
            assertThat(Manifests.podSpec(deployment).path("terminationGracePeriodSeconds").asInt())
                    .as("%s grace period", service).isGreaterThan(preStop + SHUTDOWN_TIMEOUT_SECONDS);

            JsonNode strategy = deployment.path("spec").path("strategy").path("rollingUpdate");
            assertThat(strategy.path("maxUnavailable").asInt(-1)).as("%s maxUnavailable", service).isZero();

            // Settings from the ConfigMap, credentials from Secrets, and no migrations by the service itself.
            Map<String, String> config = build.configOf(container);
            assertThat(config).containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "false")
                    .doesNotContainKeys("QUARKUS_DATASOURCE_PASSWORD", "PARLEY_VERIFICATION_SECRET",
                            "PARLEY_JWT_PRIVATE_KEY", "PARLEY_INTERNAL_TOKEN");
            assertThat(secretRef(container, "QUARKUS_DATASOURCE_PASSWORD")).isEqualTo("parley-db-" + schema(service));

            JsonNode hpa = build.get("HorizontalPodAutoscaler", service);
            assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(service);
            int minimum = hpa.path("spec").path("minReplicas").asInt();
            assertThat(minimum).as("%s HPA minimum", service)
                    .isGreaterThanOrEqualTo(environment.equals("dev") ? 1 : 2);
            assertThat(hpa.path("spec").path("maxReplicas").asInt()).as("%s HPA maximum", service)
                    .isGreaterThan(minimum);

            JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
            JsonNode pdb = build.get("PodDisruptionBudget", service);
            assertThat(selects(pdb.path("spec").path("selector").path("matchLabels"), podLabels)).isTrue();
            JsonNode svc = build.get("Service", service);
            assertThat(selects(svc.path("spec").path("selector"), podLabels)).isTrue();
            assertThat(selects(deployment.path("spec").path("selector").path("matchLabels"), podLabels)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyServiceServesItsInternalPortOnlyWithTheServiceTokenFromItsSecret(String environment) {
        Manifests build = Manifests.overlay(environment);
        for (String service : Routes.SERVICES) {
            JsonNode deployment = build.get("Deployment", service);
            JsonNode container = Manifests.containers(deployment, false).get(0);
            Map<String, String> config = build.configOf(container);
            JsonNode internal = Manifests.port(container.path("ports"), "internal");
            assertThat(internal).as("%s's container port internal", service).isNotEmpty();
            assertThat(container.path("ports").get(0).path("name").asText()).as("%s's first port", service)
                    .isEqualTo("http");
            assertThat(config.get("PARLEY_INTERNAL_PORT")).as("%s's PARLEY_INTERNAL_PORT", service)
                    .isEqualTo(internal.path("containerPort").asText())
                    .isNotEqualTo(config.get("QUARKUS_HTTP_PORT"));
            JsonNode servicePort = Manifests.port(build.get("Service", service).path("spec").path("ports"),
                    "internal");
            assertThat(servicePort.path("targetPort").asText()).as("%s's Service port internal", service)
                    .isEqualTo("internal");
            assertThat(servicePort.path("port").asInt()).isEqualTo(internal.path("containerPort").asInt());

            // The service checks all its settings at start, also when it only validates or migrates its schema.
            List<JsonNode> containers = new ArrayList<>(Manifests.containers(deployment, true));
            build.list("Job").stream()
                    .filter(job -> job.path("metadata").path("labels").path("app.kubernetes.io/name").asText()
                            .equals(service))
                    .forEach(job -> containers.addAll(Manifests.containers(job, true)));
            assertThat(containers).as("%s's containers and migration Job", service).hasSize(3);
            for (JsonNode each : containers) {
                String what = service + "/" + each.path("name").asText();
                JsonNode token = secretKeyRef(each, "PARLEY_INTERNAL_TOKEN");
                assertThat(token).as("%s's PARLEY_INTERNAL_TOKEN", what).isNotNull();
                assertThat(generatedName(environment, token.path("name").asText())).as("%s's token Secret", what)
                        .isEqualTo("parley-internal");
                assertThat(token.path("key").asText()).isEqualTo("token");
                assertThat(token.path("optional").asBoolean()).as("%s's token is optional", what).isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void anAutoscaledDeploymentLeavesItsScaleToTheAutoscaler(String environment) {
        Manifests build = Manifests.overlay(environment);
        List<JsonNode> autoscalers = build.list("HorizontalPodAutoscaler");
        assertThat(autoscalers).isNotEmpty();
        for (JsonNode hpa : autoscalers) {
            JsonNode target = hpa.path("spec").path("scaleTargetRef");
            assertThat(target.path("kind").asText()).isEqualTo("Deployment");
            JsonNode deployment = build.get("Deployment", target.path("name").asText());
            // Every apply would reset the scale the autoscaler chose to a declared replicas count.
            assertThat(deployment.path("spec").has("replicas"))
                    .as("Deployment %s, scaled by HPA %s, declares replicas", Manifests.name(deployment),
                            Manifests.name(hpa))
                    .isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void newPodsWaitForTheirSchemaInsteadOfMigratingIt(String environment) {
        Manifests build = Manifests.overlay(environment);
        for (String service : Routes.SERVICES) {
            JsonNode deployment = build.get("Deployment", service);
            JsonNode main = Manifests.containers(deployment, false).get(0);
            JsonNode init = Manifests.podSpec(deployment).path("initContainers");
            assertThat(init).as("%s init containers", service).hasSize(1);
            JsonNode wait = init.get(0);
            assertThat(wait.path("image").asText()).isEqualTo(main.path("image").asText());
            assertThat(build.configOf(wait)).containsEntry("QUARKUS_INIT_AND_EXIT", "true")
                    .containsEntry("QUARKUS_FLYWAY_VALIDATE_AT_START", "true")
                    .containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyServiceIsScrapedByPrometheus(String environment) {
        Manifests build = Manifests.overlay(environment);
        for (String service : Routes.SERVICES) {
            JsonNode deployment = build.get("Deployment", service);
            JsonNode annotations = deployment.path("spec").path("template").path("metadata").path("annotations");
            assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
            assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/q/metrics");
            JsonNode port = Manifests.containers(deployment, false).get(0).path("ports").get(0);
            assertThat(annotations.path("prometheus.io/port").asText())
                    .isEqualTo(port.path("containerPort").asText());

            JsonNode monitor = build.get("ServiceMonitor", service);
            JsonNode svc = build.get("Service", service);
            assertThat(selects(monitor.path("spec").path("selector").path("matchLabels"),
                    svc.path("metadata").path("labels"))).isTrue();
            JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
            assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
            assertThat(svc.path("spec").path("ports")).extracting(p -> p.path("name").asText())
                    .contains(endpoint.path("port").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyReferencedSecretAndConfigMapExistsOrIsProvidedOutside(String environment) {
        Manifests build = Manifests.overlay(environment);
        List<String> external = List.of("parley-db-account", "parley-db-friendship", "parley-db-chat",
                "account-service-secrets", "parley-internal");
        List<JsonNode> workloads = new ArrayList<>(build.list("Deployment"));
        workloads.addAll(build.list("Job"));
        for (JsonNode workload : workloads) {
            for (JsonNode container : Manifests.containers(workload, true)) {
                container.path("envFrom").forEach(from -> build.get("ConfigMap",
                        from.path("configMapRef").path("name").asText()));
                for (JsonNode env : container.path("env")) {
                    JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        String secret = ref.path("name").asText();
                        // The push providers' credentials (a platform without them logs its pushes instead) and
                        // the object store's (a pod may have its own through its cloud identity).
                        if (ref.path("optional").asBoolean()
                                && (secret.equals("parley-push") || secret.equals("parley-storage"))) {
                            continue;
                        }
                        if (environment.equals("dev")) {
                            JsonNode generated = build.get("Secret", secret);
                            if (!ref.path("optional").asBoolean()) {
                                assertThat(generated.path("data").has(ref.path("key").asText()))
                                        .as("%s key %s", secret, ref.path("key").asText()).isTrue();
                            }
                        } else {
                            assertThat(external).as("Secrets %s references", Manifests.name(workload))
                                    .contains(secret);
                        }
                    }
                }
            }
        }
        if (!environment.equals("dev")) {
            assertThat(build.list("Secret")).as("no Secret is generated outside dev").isEmpty();
        }
    }

    static String schema(String service) {
        return service.substring(0, service.indexOf('-'));
    }

    /** The name a Secret was generated under: dev's generated Secrets carry kustomize's content hash. */
    static String generatedName(String environment, String name) {
        return environment.equals("dev") ? name.replaceFirst("-[a-z0-9]{10}$", "") : name;
    }

    static JsonNode secretKeyRef(JsonNode container, String variable) {
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals(variable)) {
                return env.path("valueFrom").path("secretKeyRef");
            }
        }
        return null;
    }

    static String secretRef(JsonNode container, String variable) {
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals(variable)) {
                return env.path("valueFrom").path("secretKeyRef").path("name").asText();
            }
        }
        return null;
    }

    private static String probePath(JsonNode container, String probe) {
        return container.path(probe).path("httpGet").path("path").asText();
    }

    private static List<String> portNames(JsonNode container) {
        List<String> names = new ArrayList<>();
        container.path("ports").forEach(p -> {
            names.add(p.path("name").asText());
            names.add(p.path("containerPort").asText());
        });
        return names;
    }

    private static String mountAt(JsonNode container, String path) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(path)) {
                return mount.path("name").asText();
            }
        }
        return null;
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isEmpty()) {
            return false;
        }
        var fields = selector.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }
}
