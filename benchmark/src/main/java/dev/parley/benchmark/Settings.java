package dev.parley.benchmark;

/** The benchmark's knobs, from system properties with defaults for this project's scripts/bench.sh. */
record Settings(int senders, int conversations, int seconds, int warmupSeconds, String jar, String dbHost, int dbPort,
        String dbName, String dbUser, String dbPassword) {

    static Settings fromSystemProperties() {
        return new Settings(
                Integer.getInteger("senders", 32),
                Integer.getInteger("conversations", 256),
                Integer.getInteger("seconds", 30),
                Integer.getInteger("warmup", 5),
                System.getProperty("jar", "chat-service/target/quarkus-app/quarkus-run.jar"),
                System.getProperty("db.host", "127.0.0.1"),
                Integer.getInteger("db.port", 5432),
                System.getProperty("db.name", "parley_bench"),
                System.getProperty("db.user", "parley_bench"),
                System.getProperty("db.password", "parley_bench"));
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + dbName;
    }
}
