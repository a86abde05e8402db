package dev.parley.e2e.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A PostgreSQL cluster of its own on a free loopback port, run by this machine's server programs, that archives its
 * WAL the way CloudNativePG's Barman Cloud plugin does: {@code barman-cloud-wal-archive} into the {@link BackupStore}
 * under a server name, base backups by {@code barman-cloud-backup}, and a restore by {@code barman-cloud-restore} with
 * {@code barman-cloud-wal-restore} as the restore command, to a point in time. Local connections are trusted; the
 * superuser is {@code postgres}.
 */
public final class ScratchCluster implements AutoCloseable {

    private static final Duration STEP_WITHIN = Duration.ofMinutes(2);
    private static final String AWS = "--cloud-provider=aws-s3";
    /** PostgreSQL's own timestamp input with a numeric offset, as recovery_target_time prefers it. */
    private static final DateTimeFormatter RECOVERY_TIME = DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'")
            .withZone(ZoneOffset.UTC);

    private final Path data;
    private final Path log;
    private final int port;
    private final BackupStore store;
    private final String serverName;

    private ScratchCluster(Path directory, String name, int port, BackupStore store, String serverName) {
        this.data = directory.resolve(name);
        this.log = directory.resolve(name + ".log");
        this.port = port;
        this.store = store;
        this.serverName = serverName;
    }

    /** A new, empty cluster archiving as {@code serverName}, started. */
    public static ScratchCluster create(Path directory, String name, BackupStore store, String serverName)
            throws Exception {
        ScratchCluster cluster = new ScratchCluster(Commands.ownedDirectory(directory), name, freePort(), store,
                serverName);
        Commands.deleteTree(cluster.data);
        Commands.asClusterOwner(List.of(Postgres.binaries().resolve("initdb").toString(), "-D",
                cluster.data.toString(), "-U", "postgres", "-A", "trust", "--data-checksums", "--no-sync"),
                Map.of(), STEP_WITHIN);
        cluster.configure(Map.of());
        cluster.start();
        return cluster;
    }

    /**
     * A new cluster made from a base backup of {@code origin} and its archived WAL, replayed up to {@code target}
     * (inclusive) and promoted; it archives as {@code serverName}, a name of its own.
     */
    public static ScratchCluster restore(Path directory, String name, BackupStore store, String origin,
            String backupId, Instant target, String serverName) throws Exception {
        ScratchCluster cluster = new ScratchCluster(Commands.ownedDirectory(directory), name, freePort(), store,
                serverName);
        Commands.deleteTree(cluster.data);
        Commands.asClusterOwner(List.of("barman-cloud-restore", AWS, "--endpoint-url", store.endpoint(),
                store.destination(), origin, backupId, cluster.data.toString()), store.credentials(), STEP_WITHIN);
        cluster.configure(Map.of(
                "restore_command", "barman-cloud-wal-restore " + AWS + " --endpoint-url " + store.endpoint() + " "
                        + store.destination() + " " + origin + " %f %p",
                "recovery_target_time", RECOVERY_TIME.format(target),
                "recovery_target_action", "promote"));
        Commands.asClusterOwner(List.of("touch", cluster.data.resolve("recovery.signal").toString()), Map.of(),
                STEP_WITHIN);
        cluster.start();
        cluster.awaitPromoted();
        return cluster;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** A base backup now, as the plugin takes it for a ScheduledBackup; its backup id. */
    public String baseBackup(String label) throws Exception {
        Commands.asClusterOwner(List.of("barman-cloud-backup", AWS, "--endpoint-url", store.endpoint(), "--gzip",
                "--immediate-checkpoint", "--host", host(), "--port", Integer.toString(port), "--user", "postgres",
                "--name", label, store.destination(), serverName), store.credentials(), STEP_WITHIN);
        String listed = Commands.asClusterOwner(List.of("barman-cloud-backup-show", AWS, "--endpoint-url",
                store.endpoint(), "--format", "json", store.destination(), serverName, label), store.credentials(),
                STEP_WITHIN);
        JsonNode backup = new ObjectMapper().readTree(listed).path("cloud");
        if (!"DONE".equals(backup.path("status").asText())) {
            throw new IllegalStateException("base backup " + label + " is not done: " + listed);
        }
        return backup.path("backup_id").asText();
    }

    /** Closes the current WAL segment and waits until the archiver has stored it (as archive_timeout would). */
    public void archiveCurrentWal() throws Exception {
        String segment = text("SELECT pg_walfile_name(pg_switch_wal())");
        long deadline = System.nanoTime() + STEP_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            String archived = text("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver");
            // Segment names of one timeline sort in WAL order.
            if (archived.length() == segment.length() && archived.compareTo(segment) >= 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("WAL segment " + segment + " was not archived within " + STEP_WITHIN + ": "
                + text("SELECT failed_count || ' failures, last ' || coalesce(last_failed_wal, '-') "
                        + "FROM pg_stat_archiver"));
    }

    /** The cluster's clock, which stamps commits and which recovery targets are compared with. */
    public Instant clock() throws SQLException {
        return Instant.parse(text("SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"));
    }

    /** One value of the query on the {@code postgres} database, as text. */
    public String text(String sql) throws SQLException {
        return rows("postgres", sql).get(0).get(0);
    }

    /** Every row of a query on a database of the cluster, each as its columns' text. */
    public List<List<String>> rows(String database, String sql, Object... parameters) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "postgres");
        login.setProperty("connectTimeout", "5");
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + host() + ":" + port + "/" + database, login);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(result.getString(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** Stops the cluster (fast: sessions ended, nothing committed lost) and deletes its files. */
    @Override
    public void close() throws Exception {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            Commands.asClusterOwner(List.of(Postgres.binaries().resolve("pg_ctl").toString(), "-D", data.toString(),
                    "-m", "fast", "-w", "stop"), Map.of(), STEP_WITHIN);
        }
        Commands.deleteTree(data);
        Files.deleteIfExists(log);
    }

    // Settings appended last win over the copy of the origin's that a restored backup brings along.
    private void configure(Map<String, String> recovery) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
                "port", Integer.toString(port),
                "listen_addresses", "'127.0.0.1'",
                "unix_socket_directories", "''",
                "wal_level", "replica",
                "archive_mode", "on",
                "archive_command", "'barman-cloud-wal-archive " + AWS + " --endpoint-url " + store.endpoint()
                        + " --gzip " + store.destination() + " " + serverName + " %p'",
                "max_connections", "100"));
        recovery.forEach((key, value) -> settings.put(key, "'" + value + "'"));
        StringBuilder lines = new StringBuilder("\n# scratch cluster of the backup drill\n");
        settings.forEach((key, value) -> lines.append(key).append(" = ").append(value).append('\n'));
        Files.writeString(data.resolve("postgresql.conf"), lines, StandardOpenOption.APPEND);
    }

    private void start() throws Exception {
        Map<String, String> env = new HashMap<>(store.credentials());
        try {
            Commands.asClusterOwner(List.of(Postgres.binaries().resolve("pg_ctl").toString(), "-D", data.toString(),
                    "-l", log.toString(), "-w", "-t", Long.toString(STEP_WITHIN.toSeconds()), "start"), env,
                    STEP_WITHIN.plusSeconds(10));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + tail(), e);
        }
    }

    private void awaitPromoted() throws Exception {
        long deadline = System.nanoTime() + STEP_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if ("f".equals(text("SELECT pg_is_in_recovery()"))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the restored cluster was not promoted within " + STEP_WITHIN + "\n" + tail());
    }

    private String tail() throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
