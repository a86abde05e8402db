package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Staging's and prod's database is backed up continuously: every WAL segment to the environment's own bucket, a base
 * backup every night, kept 30 days; Prometheus scrapes the instances of every environment and alerts when either kind
 * of backup stops.
 */
class BackupTest {

    private static final String PLUGIN = "barman-cloud.cloudnative-pg.io";
    private static final String OBJECT_STORE = "parley-db-backups";
    private static final String SECRET = "parley-db-backup";
    private static final List<String> ALERTS = List.of("ParleyWalArchivingFailing", "ParleyBaseBackupTooOld");
    /** The label components/backups gives every series scraped from an instance it backs up. */
    private static final String BACKUPS_LABEL = "parley_backups";
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]+");

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theObjectStoreKeepsThirtyDaysOfCompressedBackupsInTheEnvironmentsOwnBucket(String environment) {
        JsonNode store = Manifests.overlay(environment).get("ObjectStore", OBJECT_STORE);
        assertThat(store.path("apiVersion").asText()).isEqualTo("barmancloud.cnpg.io/v1");
        assertThat(store.path("spec").path("retentionPolicy").asText()).isEqualTo("30d");

        JsonNode configuration = store.path("spec").path("configuration");
        assertThat(configuration.path("destinationPath").asText()).as("%s's bucket", environment)
                .isEqualTo("s3://parley-db-backups-" + environment + "/");
        // The folder in the bucket is the Cluster's plugin parameter; the plugin refuses it here.
        assertThat(configuration.has("serverName")).isFalse();

        JsonNode credentials = configuration.path("s3Credentials");
        Map<String, String> keys = Map.of("accessKeyId", "access-key-id", "secretAccessKey", "secret-access-key",
                "region", "region");
        keys.forEach((field, key) -> {
            assertThat(credentials.path(field).path("name").asText()).as("Secret of %s", field).isEqualTo(SECRET);
            assertThat(credentials.path(field).path("key").asText()).as("key of %s", field).isEqualTo(key);
        });
        assertThat(credentials.has("inheritFromIAMRole")).isFalse();

        assertThat(configuration.path("wal").path("compression").asText()).isEqualTo("gzip");
        assertThat(configuration.path("wal").path("maxParallel").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(configuration.path("data").path("compression").asText()).isEqualTo("gzip");
        assertThat(configuration.path("data").path("jobs").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void eachEnvironmentBacksUpIntoABucketOfItsOwnApartFromTheAttachments() {
        List<String> buckets = new ArrayList<>();
        for (String environment : List.of("staging", "prod")) {
            Manifests build = Manifests.overlay(environment);
            buckets.add(build.get("ObjectStore", OBJECT_STORE).path("spec").path("configuration")
                    .path("destinationPath").asText());
            buckets.add("s3://" + build.configOf(Manifests.containers(build.get("Deployment", "chat-service"), false)
                    .get(0)).get("PARLEY_STORAGE_S3_BUCKET") + "/");
        }
        assertThat(buckets).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theClusterArchivesItsWalThroughThePluginIntoThatObjectStore(String environment) {
        JsonNode cluster = Manifests.overlay(environment).get("Cluster", "parley-db");
        assertThat(cluster.path("spec").path("plugins")).singleElement().satisfies(plugin -> {
            assertThat(plugin.path("name").asText()).isEqualTo(PLUGIN);
            assertThat(plugin.path("isWALArchiver").asBoolean()).isTrue();
            assertThat(plugin.path("parameters").path("barmanObjectName").asText()).isEqualTo(OBJECT_STORE);
            assertThat(plugin.path("parameters").path("serverName").asText()).isEqualTo("parley-db");
        });
        // Never also the operator's in-tree Barman Cloud support, which the plugin replaces.
        assertThat(cluster.path("spec").has("backup")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void aBaseBackupIsTakenAtOnceAndThenEveryNight(String environment) {
        List<JsonNode> scheduled = Manifests.overlay(environment).list("ScheduledBackup");
        assertThat(scheduled).singleElement().satisfies(backup -> {
            assertThat(Manifests.name(backup)).isEqualTo("parley-db-daily");
            JsonNode spec = backup.path("spec");
            assertThat(spec.path("cluster").path("name").asText()).isEqualTo("parley-db");
            assertThat(spec.path("method").asText()).isEqualTo("plugin");
            assertThat(spec.path("pluginConfiguration").path("name").asText()).isEqualTo(PLUGIN);
            assertThat(spec.path("immediate").asBoolean()).isTrue();
            assertThat(spec.path("backupOwnerReference").asText()).isEqualTo("self");
            assertThat(runsOnceOrMoreEveryDay(spec.path("schedule").asText())).as("schedule %s", spec.path("schedule"))
                    .isTrue();
        });
    }

    @Test
    void devHasNoBackups() {
        Manifests dev = Manifests.overlay("dev");
        assertThat(dev.list("ObjectStore")).isEmpty();
        assertThat(dev.list("ScheduledBackup")).isEmpty();
        assertThat(dev.get("Cluster", "parley-db").path("spec").has("plugins")).isFalse();
        assertThat(backupsLabel(dev)).as("dev's instances marked as backed up").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void prometheusScrapesEveryPostgresInstance(String environment) {
        Manifests build = Manifests.overlay(environment);
        JsonNode monitor = build.get("PodMonitor", "parley-db");
        JsonNode selector = monitor.path("spec").path("selector").path("matchLabels");
        assertThat(selector.path("cnpg.io/cluster").asText()).isEqualTo("parley-db");
        // The pooler's pods carry the cluster's label too.
        assertThat(selector.path("cnpg.io/podRole").asText()).isEqualTo("instance");
        assertThat(monitor.path("spec").path("podMetricsEndpoints")).singleElement()
                .satisfies(endpoint -> assertThat(endpoint.path("port").asText()).isEqualTo("metrics"));

        // The instances' exporter (port "metrics", 9187) lets Prometheus in.
        assertThat(build.get("NetworkPolicy", "parley-db").path("spec").path("ingress")).anySatisfy(rule -> {
            assertThat(rule.path("ports").findValuesAsText("port")).contains("9187");
            assertThat(rule.path("from")).anySatisfy(from -> assertThat(
                    from.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText())
                    .isEqualTo("monitoring"));
        });

        if (!environment.equals("dev")) {
            assertThat(backupsLabel(build)).as("%s's instances marked as backed up", environment)
                    .isEqualTo("barman-cloud");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theInstancesMayReachTheBucket(String environment) {
        Manifests build = Manifests.overlay(environment);
        JsonNode instanceLabels = Manifests.YAML.createObjectNode().put("cnpg.io/cluster", "parley-db")
                .put("cnpg.io/podRole", "instance");
        for (JsonNode policy : build.list("NetworkPolicy")) {
            JsonNode spec = policy.path("spec");
            JsonNode selector = spec.path("podSelector").path("matchLabels");
            boolean selected = spec.path("podSelector").isEmpty()
                    || WorkloadRulesTest.selects(selector, instanceLabels);
            List<String> types = new ArrayList<>();
            spec.path("policyTypes").forEach(t -> types.add(t.asText()));
            if (selected && types.contains("Egress")) {
                // S3 over HTTPS, anywhere: the bucket's addresses are not known in advance.
                assertThat(spec.path("egress")).as("%s restricts the instances' egress", Manifests.name(policy))
                        .anySatisfy(rule -> {
                            assertThat(rule.path("ports").isEmpty()
                                    || rule.path("ports").findValuesAsText("port").contains("443")).isTrue();
                            assertThat(rule.path("to").isEmpty() || rule.path("to").findValue("ipBlock") != null)
                                    .isTrue();
                        });
            }
        }
    }

    @Test
    void theBackupSecretMustExistBeforeADeployAndIsDocumented() {
        // The environments that back up are those whose Secrets scripts/deploy.sh requires.
        Matcher required = Pattern.compile("(?s)for secret in ([^;]+);").matcher(Repo.read("scripts/deploy.sh"));
        assertThat(required.find()).isTrue();
        assertThat(required.group(1).replace("\\", " ").split("\\s+")).contains(SECRET);

        String docs = Repo.read("docs/deployment.md");
        assertThat(docs.lines().filter(line -> line.startsWith("| `" + SECRET + "` "))).singleElement()
                .satisfies(row -> assertThat(row).contains("`access-key-id`", "`secret-access-key`", "`region`"));
        for (String environment : List.of("staging", "prod")) {
            assertThat(Repo.read("kubernetes/overlays/" + environment + "/kustomization.yaml"))
                    .as("the Secrets %s's overlay lists", environment).contains(SECRET);
        }
    }

    @Test
    void theDatabaseRulesAreValidAndPassTheirUnitTests() throws IOException {
        JsonNode rule = Manifests.of("monitoring").get("PrometheusRule", "parley-database");
        assertThat(rule.path("metadata").path("labels").path("role").asText()).isEqualTo("alert-rules");
        Path dir = Files.createTempDirectory("parley-database-rules");
        try {
            // promtool reads plain rule files: the PrometheusRule's spec, under the name the unit tests load.
            Files.writeString(dir.resolve("database-rules.yml"), Manifests.YAML.writeValueAsString(rule.path("spec")));
            Files.copy(Repo.path("kubernetes/monitoring/tests/database-rules.test.yml"),
                    dir.resolve("database-rules.test.yml"));
            Tools.run(dir, List.of("promtool", "check", "rules", "database-rules.yml"))
                    .orFail("promtool check rules (PrometheusRule parley-database)");
            Tools.run(dir, List.of("promtool", "test", "rules", "database-rules.test.yml"))
                    .orFail("promtool test rules kubernetes/monitoring/tests/database-rules.test.yml");
        } finally {
            Manifests.delete(dir);
        }
    }

    @Test
    void bothBackupAlertsAreCriticalAndLeadToTheirRunbook() {
        JsonNode spec = Manifests.of("monitoring").get("PrometheusRule", "parley-database").path("spec");
        Map<String, String> runbooks = Map.of("ParleyWalArchivingFailing", "#wal-archiving-is-failing",
                "ParleyBaseBackupTooOld", "#the-last-base-backup-is-too-old");
        for (String alert : ALERTS) {
            assertThat(rules(spec, alert)).as(alert).singleElement().satisfies(rule -> {
                assertThat(rule.path("labels").path("severity").asText()).isEqualTo("critical");
                assertThat(rule.path("annotations").path("summary").asText()).isNotEmpty();
                assertThat(rule.path("annotations").path("description").asText()).isNotEmpty();
                assertThat(rule.path("annotations").path("runbook_url").asText())
                        .isEqualTo("docs/operations.md" + runbooks.get(alert));
            });
        }
        assertThat(rules(spec, "ParleyWalArchivingFailing").get(0).path("expr").asText())
                .contains("cnpg_pg_stat_archiver_last_failed_time", "cnpg_pg_stat_archiver_last_archived_time");
        assertThat(rules(spec, "ParleyWalArchivingFailing").get(0).path("for").asText()).isEqualTo("5m");

        JsonNode tooOld = rules(spec, "ParleyBaseBackupTooOld").get(0);
        String expression = tooOld.path("expr").asText();
        assertThat(expression).contains("barman_cloud_cloudnative_pg_io_last_available_backup_timestamp",
                "cnpg_collector_up");
        assertThat(tooOld.path("for").asText()).isEqualTo("15m");
        // A night's backup may run late, but not a whole day.
        Matcher hours = Pattern.compile("> ([0-9]+) \\* 3600").matcher(expression);
        assertThat(hours.find()).isTrue();
        assertThat(Integer.parseInt(hours.group(1))).isBetween(25, 30);
        // A namespace that backs up but reports no backup at all: the label is the one components/backups sets.
        assertThat(expression).contains(BACKUPS_LABEL + "=\"" + backupsLabel(Manifests.overlay("prod")) + "\"");

        // Every environment's instances, and only the instances, are watched.
        for (String selector : selectors(spec, "namespace")) {
            for (String environment : Manifests.ENVIRONMENTS) {
                assertThat(KustomizeBuildTest.namespaceOf(environment)).matches(selector);
            }
        }
        for (String selector : selectors(spec, "pod")) {
            assertThat("parley-db-1").matches(selector);
            assertThat("parley-db-pooler-rw-6f9c8d7b5-x2x4z").doesNotMatch(selector);
        }

        // Not in the rule docker-compose shares: its PostgreSQL neither archives nor exports these metrics.
        JsonNode shared = Manifests.of("monitoring").get("PrometheusRule", "parley").path("spec");
        for (String alert : ALERTS) {
            assertThat(rules(shared, alert)).as("%s in rule parley", alert).isEmpty();
        }
    }

    /**
     * A six-field schedule (seconds first) that fires at fixed moments of every day: one second, one minute, one or
     * more hours, on every day of every month.
     */
    private static boolean runsOnceOrMoreEveryDay(String schedule) {
        String[] fields = schedule.trim().split("\\s+");
        if (fields.length != 6) {
            return false;
        }
        boolean hours = List.of(fields[2].split(",")).stream().allMatch(h -> WHOLE_NUMBER.matcher(h).matches()
                && Integer.parseInt(h) < 24);
        return WHOLE_NUMBER.matcher(fields[0]).matches() && Integer.parseInt(fields[0]) < 60
                && WHOLE_NUMBER.matcher(fields[1]).matches() && Integer.parseInt(fields[1]) < 60 && hours
                && fields[3].equals("*") && fields[4].equals("*") && List.of("*", "?").contains(fields[5]);
    }

    /** The value the PodMonitor's relabelings give the backups label, or null. */
    private static String backupsLabel(Manifests build) {
        for (JsonNode endpoint : build.get("PodMonitor", "parley-db").path("spec").path("podMetricsEndpoints")) {
            for (JsonNode relabeling : endpoint.path("relabelings")) {
                if (relabeling.path("targetLabel").asText().equals(BACKUPS_LABEL)) {
                    return relabeling.path("replacement").asText();
                }
            }
        }
        return null;
    }

    private static List<JsonNode> rules(JsonNode spec, String alert) {
        List<JsonNode> found = new ArrayList<>();
        spec.path("groups").forEach(g -> g.path("rules").forEach(r -> {
            if (r.path("alert").asText().equals(alert)) {
                found.add(r);
            }
        }));
        return found;
    }

    /** The regular expressions the alerts' expressions match a label against ({@code label=~"..."}). */
    private static List<String> selectors(JsonNode spec, String label) {
        List<String> found = new ArrayList<>();
        for (String alert : ALERTS) {
            Matcher matcher = Pattern.compile("\\b" + label + "=~\"([^\"]+)\"")
                    .matcher(rules(spec, alert).get(0).path("expr").asText());
            while (matcher.find()) {
                found.add(matcher.group(1));
            }
        }
        assertThat(found).as("%s selectors", label).isNotEmpty();
        return found;
    }
}
