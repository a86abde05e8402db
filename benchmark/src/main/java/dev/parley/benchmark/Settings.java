package dev.parley.benchmark;

import java.nio.file.Path;

/**
 * The benchmark's knobs, from system properties with the defaults scripts/bench.sh runs with: {@code senders} (32),
 * {@code conversations} (256), {@code warmup} (20 s), {@code seconds} (30 s, measured), {@code drain} (10 s for the
 * last events to reach the sockets), {@code root} (where {@code <service>/target/quarkus-app} are), and {@code db.*}
 * (host, port, name of the fresh database prepared by the script).
 */
record Settings(int senders, int conversations, int warmupSeconds, int seconds, int drainSeconds, Path root,
        String dbHost, int dbPort, String dbName) {

    static Settings fromSystemProperties() {
        Settings settings = new Settings(
                Integer.getInteger("senders", 32),
                Integer.getInteger("conversations", 256),
                Integer.getInteger("warmup", 20),
                Integer.getInteger("seconds", 30),
                Integer.getInteger("drain", 10),
                Path.of(System.getProperty("root", ".")).toAbsolutePath().normalize(),
                System.getProperty("db.host", "127.0.0.1"),
                Integer.getInteger("db.port", 5432),
                System.getProperty("db.name", "parley_bench"));
        if (settings.conversations() < settings.senders() || settings.senders() < 1) {
            throw new IllegalArgumentException("need at least one sender and a conversation for each sender");
        }
        return settings;
    }

    /** The packaged service, as scripts/run.sh starts it. */
    Path jar(Service service) {
        return root.resolve(service.toString()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + dbName;
    }

    String reactiveUrl() {
        return "postgresql://" + dbHost + ":" + dbPort + "/" + dbName;
    }
}
