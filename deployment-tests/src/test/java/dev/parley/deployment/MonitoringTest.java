package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Prometheus's configuration, the alert rules and the dashboard's queries are valid, and cover what matters. */
class MonitoringTest {

    @Test
    void prometheusConfigurationAndRulesAreValid() {
        Tools.run(Repo.ROOT, List.of("promtool", "check", "config", "deploy/prometheus/prometheus.yml"))
                .orFail("promtool check config");
    }

    @Test
    void kubernetesAndDockerComposeAlertOnTheSameRules() throws Exception {
        JsonNode rule = Manifests.of("monitoring").get("PrometheusRule", "parley");
        JsonNode file = Manifests.parseYamlFile("deploy/prometheus/rules/parley.rules.yml");
        assertThat(rule.path("spec")).isEqualTo(file);

        Path copy = Files.createTempFile("parley-rules", ".yml");
        try {
            Files.writeString(copy, Manifests.YAML.writeValueAsString(rule.path("spec")));
            Tools.run(Repo.ROOT, List.of("promtool", "check", "rules", copy.toString()))
                    .orFail("promtool check rules (PrometheusRule)");
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @Test
    void alertsCoverOutagesErrorsLatencyFailedMigrationsAndFullReplicas() {
        JsonNode file = Manifests.parseYamlFile("deploy/prometheus/rules/parley.rules.yml");
        List<String> expressions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        file.path("groups").forEach(g -> g.path("rules").forEach(r -> {
            names.add(r.path("alert").asText());
            expressions.add(r.path("expr").asText());
        }));
        assertThat(names).contains("ParleyServiceDown", "ParleyHighErrorRate", "ParleyHighLatencyP99",
                "ParleyMigrationJobFailed", "ParleyStreamReplicaFull");
        assertThat(String.join("\n", expressions)).contains("up{", "status=~\"5..\"",
                "histogram_quantile(0.99", "http_server_requests_seconds_bucket", "kube_job_failed", "migrate-",
                "parley_ws_refused_total{job=\"chat-service\", reason=\"replica\"}");
    }

    @Test
    void alertsWhenPushesWaitMoreThanAMinuteInBothRuleFiles() {
        JsonNode kubernetes = Manifests.of("monitoring").get("PrometheusRule", "parley").path("spec");
        JsonNode compose = Manifests.parseYamlFile("deploy/prometheus/rules/parley.rules.yml");
        for (JsonNode rules : List.of(kubernetes, compose)) {
            List<JsonNode> backlog = new ArrayList<>();
            rules.path("groups").forEach(g -> g.path("rules").forEach(r -> {
                if (r.path("alert").asText().equals("ParleyPushBacklog")) {
                    backlog.add(r);
                }
            }));
            assertThat(backlog).singleElement().satisfies(rule -> {
                assertThat(rule.path("expr").asText().strip())
                        .isEqualTo("max by (namespace, job) (parley_push_oldest_age_seconds) > 60");
                assertThat(rule.path("for").asText()).isEqualTo("1m");
                assertThat(rule.path("labels").path("severity").asText()).isEqualTo("warning");
                assertThat(rule.path("annotations").path("description").asText()).contains("60 s")
                        .contains("parley_push_failed_total");
            });
        }
    }

    @Test
    void alertsWhenAConsumerFallsBehindAnEventFeedInBothRuleFiles() {
        JsonNode kubernetes = Manifests.of("monitoring").get("PrometheusRule", "parley").path("spec");
        JsonNode compose = Manifests.parseYamlFile("deploy/prometheus/rules/parley.rules.yml");
        for (JsonNode rules : List.of(kubernetes, compose)) {
            List<JsonNode> lagging = new ArrayList<>();
            rules.path("groups").forEach(g -> g.path("rules").forEach(r -> {
                if (r.path("alert").asText().equals("ParleyEventsLagging")) {
                    lagging.add(r);
                }
            }));
            assertThat(lagging).singleElement().satisfies(rule -> {
                assertThat(rule.path("expr").asText().strip())
                        .isEqualTo("max by (namespace, job, feed, follower) (parley_events_lag_seconds) > 30");
                assertThat(rule.path("for").asText()).isEqualTo("1m");
                assertThat(rule.path("labels").path("severity").asText()).isEqualTo("warning");
                assertThat(rule.path("annotations").path("summary").asText()).contains("{{ $labels.feed }}");
                assertThat(rule.path("annotations").path("description").asText()).contains("30 s")
                        .contains("internal port").contains("logs");
            });
        }
    }

    @Test
    void dashboardShowsTheKeyMetricsWithValidQueries() throws Exception {
        JsonNode dashboard = Manifests.JSON.readTree(Repo.read("kubernetes/monitoring/grafana-dashboard.json"));
        assertThat(dashboard.path("uid").asText()).isNotEmpty();
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets")).as("targets of %s", panel.path("title").asText()).isNotEmpty();
            panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText()));
        }
        assertThat(String.join("\n", expressions)).contains("http_server_requests_seconds_count",
                "status=~\"5..\"", "histogram_quantile(0.99", "parley_messages_sent_total", "parley_ws_connections",
                "sql_pool_active", "sql_pool_queue_size", "parley_delivery_latency_seconds",
                "parley_events_lag_seconds");

        // Every query, with the dashboard's variables filled in, as a recording rule promtool can check.
        ObjectNode rules = Manifests.JSON.createObjectNode();
        ArrayNode list = rules.putArray("groups").addObject().put("name", "dashboard").putArray("rules");
        for (int i = 0; i < expressions.size(); i++) {
            list.addObject().put("record", "parley:dashboard:query" + i).put("expr", expressions.get(i)
                    .replace("$__rate_interval", "5m").replace("$namespace", ".*").replace("$service", ".*"));
        }
        Path file = Files.createTempFile("parley-dashboard", ".yml");
        try {
            Files.writeString(file, Manifests.YAML.writeValueAsString(rules));
            Tools.run(Repo.ROOT, List.of("promtool", "check", "rules", file.toString()))
                    .orFail("promtool check rules (dashboard queries)");
        } finally {
            Files.deleteIfExists(file);
        }

        JsonNode configMap = Manifests.of("monitoring").get("ConfigMap", "parley-grafana-dashboard");
        assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        assertThat(Manifests.JSON.readTree(configMap.path("data").path("parley-services.json").asText()))
                .isEqualTo(dashboard);
    }
}
