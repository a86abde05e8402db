package dev.parley.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own limit for the same work: pgbench with as many clients as the HTTP run has senders, each
 * transaction taking a conversation's next seq and inserting a message, the writes chat-service must make to store
 * one, and nothing else. Runs as chat-service's role, on conversations of its own, after the services have stopped.
 */
final class PgBench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private static final String SCRIPT = """
            \\set c random(%d, %d)
            BEGIN;
            UPDATE chat.conversations SET last_seq = last_seq + 1, last_activity_at = now() WHERE id = :c RETURNING last_seq \\gset
            INSERT INTO chat.messages (conversation_id, seq, sender_id, body, client_message_id, created_at) VALUES (:c, :last_seq, 1, 'benchmark message', md5(random()::text), now());
            END;
            """;

    private PgBench() {
    }

    /** Transactions a second, and their average latency. */
    record Result(double tps, double latencyMs) {
    }

    static Result run(Settings settings) throws Exception {
        return run(settings, script(conversations(settings)));
    }

    private static long[] conversations(Settings settings) throws Exception {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (Connection db = DriverManager.getConnection(settings.jdbcUrl(), Service.CHAT.role(),
                Service.CHAT.password());
                Statement statement = db.createStatement();
                ResultSet ids = statement.executeQuery("""
                        INSERT INTO chat.conversations (kind, title, created_by, created_at, last_activity_at)
                        SELECT 'group', 'pgbench ' || n, 1, now(), now() FROM generate_series(1, %d) AS n
                        RETURNING id""".formatted(settings.conversations()))) {
            while (ids.next()) {
                first = Math.min(first, ids.getLong(1));
                last = Math.max(last, ids.getLong(1));
            }
        }
        return new long[]{first, last};
    }

    private static Path script(long[] range) throws Exception {
        Path script = Files.createTempFile("parley-pgbench", ".sql");
        Files.writeString(script, SCRIPT.formatted(range[0], range[1]));
        return script;
    }

    private static Result run(Settings settings, Path script) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(pgbench(), "-n", "-h", settings.dbHost(),
                "-p", Integer.toString(settings.dbPort()), "-U", Service.CHAT.role(),
                "-c", Integer.toString(settings.senders()), "-j", "2", "-T", Integer.toString(settings.seconds()),
                "-f", script.toString(), settings.dbName()).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", Service.CHAT.password());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        return new Result(number(TPS, output), number(LATENCY, output));
    }

    private static double number(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    private static String pgbench() {
        String configured = System.getProperty("pgbench");
        if (configured != null) {
            return configured;
        }
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin/pgbench")).filter(Files::isExecutable).sorted()
                    .reduce((a, b) -> b).map(Path::toString).orElse("pgbench");
        } catch (IOException e) {
            return "pgbench";
        }
    }
}
