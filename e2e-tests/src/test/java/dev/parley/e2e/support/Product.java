package dev.parley.e2e.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.parley.testing.MailServer;

/**
 * The whole product on this machine, the way {@code scripts/run.sh} runs it: a database of its own prepared by
 * {@code scripts/prepare-database.sh}, each service migrated by its packaged artifact (migrate and exit, as in
 * production) and then started from it in the production profile, and nginx in front on 127.0.0.1:8080 with the
 * configuration {@code scripts/render-proxy-config.sh} renders. Mail goes to a real SMTP server in this JVM.
 * <p>
 * Services can be stopped (SIGTERM), killed (SIGKILL) and started again one at a time. Every process writes to
 * {@code e2e-tests/target/logs/<name>.log}. Everything listens on 127.0.0.1 only.
 */
public final class Product implements AutoCloseable {

    /** The three services, their ports and schemas. */
    public enum Service {

        ACCOUNT("account-service", 8081, 9081, "account"), FRIENDSHIP("friendship-service", 8082, 9082,
                "friendship"), CHAT("chat-service", 8083, 9083, "chat");

        private final String id;
        private final int port;
        private final int internalPort;
        private final String schema;

        Service(String id, int port, int internalPort, String schema) {
            this.id = id;
            this.port = port;
            this.internalPort = internalPort;
            this.schema = schema;
        }

        /** The service's internal port, where the others read its feed and its users' data. */
        public String internalUrl() {
            return "http://127.0.0.1:" + internalPort;
        }

        public int internalPort() {
            return internalPort;
        }

        /** The service's own address, bypassing the proxy (health checks, shutdown checks). */
        public String url() {
            return "http://127.0.0.1:" + port;
        }

        public int port() {
            return port;
        }

        /** The database role that owns the service's schema (password = role name, as prepare-database.sh sets). */
        public String role() {
            return "parley_" + schema;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    public static final String DATABASE = "parley_e2e";
    /** The service token of the internal ports. */
    public static final String INTERNAL_TOKEN = "parley-e2e-internal-token";
    public static final int FRONT_DOOR_PORT = 8080;
    /** What account-service puts at the start of verification links. */
    public static final String PUBLIC_URL = "http://localhost:" + FRONT_DOOR_PORT;

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(40);
    private static final Duration SCRIPT_WITHIN = Duration.ofSeconds(120);

    private final Path root;
    private final Path work;
    private final Path logs;
    private final Path signingKey;
    private final String verificationSecret;
    private final MailServer mail;
    private final TraceCollector traces;
    private final Map<Service, Process> processes = new EnumMap<>(Service.class);
    /** Processes told to stop or killed, until they have exited: a new one waits for the port. */
    private final Map<Service, Process> retired = new EnumMap<>(Service.class);
    private final Map<Service, Map<String, String>> extraSettings = new EnumMap<>(Service.class);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private Process proxy;
    private boolean closed;

    private Product(Path root, MailServer mail, TraceCollector traces) throws IOException {
        this.root = root;
        Path target = Path.of(System.getProperty("parley.e2e.target", root.resolve("e2e-tests/target").toString()));
        this.work = target.resolve("e2e");
        this.logs = target.resolve("logs");
        this.signingKey = work.resolve("jwt-private.pem");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.verificationSecret = HexFormat.of().formatHex(secret);
        this.mail = mail;
        this.traces = traces;
        Files.createDirectories(work);
        Files.createDirectories(logs);
        try (var old = Files.newDirectoryStream(logs, "*.log")) {
            for (Path log : old) {
                Files.delete(log);
            }
        }
    }

    /** Prepares a fresh database, migrates and starts the services and the proxy; fails clearly when it cannot. */
    public static Product start() throws Exception {
        Path root = Path.of(System.getProperty("parley.root", "..")).toAbsolutePath().normalize();
        requirePackaged(root);
        requireFreePorts();
        requireTools();
        MailServer mail = MailServer.start();
        Product product = new Product(root, mail, TraceCollector.start());
        Runtime.getRuntime().addShutdownHook(new Thread(product::close, "e2e-product-stop"));
        try {
            product.prepareDatabase();
            product.generateSigningKey();
            product.inParallel(product::migrate);
            product.inParallel(product::launch);
            product.inParallel(product::awaitReady);
            product.startProxy();
        } catch (Exception | AssertionError e) {
            product.close();
            throw e;
        }
        return product;
    }

    public MailServer mail() {
        return mail;
    }

    /** The PKCS#8 PEM file account-service signs access tokens with ({@code PARLEY_JWT_PRIVATE_KEY_LOCATION}). */
    public Path signingKey() {
        return signingKey;
    }

    /** What the services exported as traces. */
    public TraceCollector traces() {
        return traces;
    }

    public Path logs() {
        return logs;
    }

    /** Starts the service from its packaged artifact and waits until it reports ready. */
    public void start(Service service) throws Exception {
        launch(service);
        awaitReady(service);
    }

    /** SIGTERM, then a fresh process: forgets whatever state the old one had (circuit breakers, caches). */
    public void restart(Service service) throws Exception {
        stop(service);
        start(service);
    }

    /** Restarts the service with these settings on top of the usual ones (until configured again). */
    public void reconfigure(Service service, Map<String, String> settings) throws Exception {
        stop(service);
        synchronized (this) {
            extraSettings.put(service, Map.copyOf(settings));
        }
        start(service);
    }

    /**
     * Moves every service to the database {@value #DATABASE} of another PostgreSQL cluster, as an operator points them
     * at a restored one: stops them, prepares that database with {@code scripts/prepare-database.sh} (nothing to do
     * when it is already there), runs each service's migrations on it and starts them. {@link #ensureHealthy()} brings
     * them back to the usual cluster.
     */
    public void useCluster(String host, int port) throws Exception {
        inParallel(this::stop);
        runScript("prepare-database", List.of("scripts/prepare-database.sh", DATABASE),
                Map.of("PG_HOST", host, "PG_PORT", Integer.toString(port)));
        String database = "postgresql://" + host + ":" + port + "/" + DATABASE;
        synchronized (this) {
            for (Service service : Service.values()) {
                extraSettings.put(service, Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", database,
                        "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:" + database));
            }
        }
        inParallel(this::migrate);
        inParallel(this::launch);
        inParallel(this::awaitReady);
    }

    /** SIGTERM, and waits for the process to end. */
    public void stop(Service service) throws Exception {
        Process process = terminate(service);
        if (process != null) {
            awaitExit(process, service);
        }
    }

    /** Sends SIGTERM and returns at once: the process is shutting down, gracefully. */
    public synchronized Process terminate(Service service) {
        Process process = processes.remove(service);
        if (process != null && process.isAlive()) {
            process.destroy();
            retired.put(service, process);
        }
        return process;
    }

    /** SIGKILL ({@code kill -9}): the process ends without a chance to finish anything. */
    public void kill(Service service) throws Exception {
        Process process;
        synchronized (this) {
            process = processes.remove(service);
        }
        if (process != null) {
            process.destroyForcibly();
            if (!process.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(service + " survived SIGKILL");
            }
        }
    }

    /** The process id of the service's JVM, or -1 when it is not running. */
    public synchronized long pid(Service service) {
        Process process = processes.get(service);
        return process != null && process.isAlive() ? process.pid() : -1;
    }

    public synchronized boolean isRunning(Service service) {
        Process process = processes.get(service);
        return process != null && process.isAlive();
    }

    /** Status of the service's {@code /q/health/ready}, or -1 when nothing answers. */
    public int readiness(Service service) {
        return status(service.url() + "/q/health/ready");
    }

    /** Status of the service's {@code /q/health/live}, or -1 when nothing answers. */
    public int liveness(Service service) {
        return status(service.url() + "/q/health/live");
    }

    /**
     * Brings back whatever a previous test left down: PostgreSQL, a stopped service, default settings, the proxy.
     * Every service is ready afterwards.
     */
    public synchronized void ensureHealthy() throws Exception {
        Postgres.ensureRunning();
        for (Service service : Service.values()) {
            if (!extraSettings.getOrDefault(service, Map.of()).isEmpty()) {
                stop(service);
                extraSettings.remove(service);
            }
            if (!isRunning(service)) {
                launch(service);
            }
        }
        for (Service service : Service.values()) {
            awaitReady(service);
        }
        if (proxy == null || !proxy.isAlive()) {
            startProxy();
        }
    }

    /** Stops the proxy and every service (SIGTERM) and the mail server. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Process> stopping = new ArrayList<>();
        if (proxy != null) {
            proxy.destroy();
            stopping.add(proxy);
        }
        for (Service service : Service.values()) {
            Process process = processes.remove(service);
            if (process != null) {
                process.destroy();
                stopping.add(process);
            }
            Process previous = retired.remove(service);
            if (previous != null) {
                stopping.add(previous);
            }
        }
        for (Process process : stopping) {
            try {
                if (!process.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        mail.stop();
        traces.close();
    }

    // --- start-up steps ------------------------------------------------------------------------------------------

    private void prepareDatabase() throws Exception {
        // A fresh database every run, so runs are repeatable; then the run command's own preparation.
        runScript("prepare-database", List.of("bash", "-c", "source scripts/lib.sh && ensure_postgres_running && "
                + "psql_admin -c 'DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)'"), Map.of());
        runScript("prepare-database", List.of("scripts/prepare-database.sh", DATABASE), Map.of());
    }

    private void generateSigningKey() throws Exception {
        Files.deleteIfExists(signingKey);
        runScript("signing-key", List.of("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt",
                "rsa_keygen_bits:2048", "-out", signingKey.toString()), Map.of());
    }

    private void migrate(Service service) throws Exception {
        Map<String, String> env = serviceEnvironment(service);
        env.put("QUARKUS_INIT_AND_EXIT", "true");
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        Path log = logFile(service + "-migrate");
        Process process = processBuilder(service, env, log).start();
        if (!process.waitFor(SCRIPT_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("migrating " + service + " did not finish; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("migrating " + service + " failed; see " + log + "\n" + tail(log));
        }
    }

    private synchronized void launch(Service service) throws Exception {
        if (isRunning(service)) {
            return;
        }
        Process previous = retired.remove(service);
        if (previous != null && !previous.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            previous.destroyForcibly().waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS);
        }
        for (int port : new int[]{service.port(), service.internalPort()}) {
            if (isListening(port)) {
                throw new IllegalStateException("port " + port + " (" + service + ") is taken by a process these "
                        + "tests did not start");
            }
        }
        Path log = logFile(service.toString());
        processes.put(service, processBuilder(service, serviceEnvironment(service), log).start());
    }

    private void awaitReady(Service service) throws Exception {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            Process process;
            synchronized (this) {
                process = processes.get(service);
            }
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException(service + " is not running; see " + logs.resolve(service + ".log")
                        + "\n" + tail(logs.resolve(service + ".log")));
            }
            if (readiness(service) == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(service + " did not become ready within " + READY_WITHIN + "; see "
                + logs.resolve(service + ".log"));
    }

    private synchronized void startProxy() throws Exception {
        Path dir = work.resolve("proxy");
        // The API alone, as a client sees it: no web client at /, even where clients/web has been built.
        runScript("proxy", List.of("scripts/render-proxy-config.sh", "--check", dir.toString()),
                Map.of("PROXY_LISTEN", "127.0.0.1:" + FRONT_DOOR_PORT, "PROXY_WEB_ROOT",
                        work.resolve("no-web-client").toString()));
        Path log = logFile("proxy");
        proxy = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(), "-g",
                "daemon off;").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!proxy.isAlive()) {
                throw new IllegalStateException("the proxy exited; see " + log + "\n" + tail(log));
            }
            // Any answer: the proxy is up.
            if (status(FrontDoor.URL + "/") > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the proxy did not start; see " + log);
    }

    // --- processes -----------------------------------------------------------------------------------------------

    private Map<String, String> serviceEnvironment(Service service) {
        Map<String, String> env = new HashMap<>();
        String database = "postgresql://" + Postgres.HOST + ":" + Postgres.PORT + "/" + DATABASE;
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        env.put("QUARKUS_DATASOURCE_USERNAME", service.role());
        env.put("QUARKUS_DATASOURCE_PASSWORD", service.role());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", database);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:" + database);
        env.put("PARLEY_ACCOUNT_SERVICE_URL", Service.ACCOUNT.url());
        env.put("PARLEY_FRIENDSHIP_SERVICE_URL", Service.FRIENDSHIP.url());
        env.put("PARLEY_INTERNAL_HOST", "127.0.0.1");
        env.put("PARLEY_INTERNAL_PORT", Integer.toString(service.internalPort()));
        env.put("PARLEY_INTERNAL_TOKEN", INTERNAL_TOKEN);
        env.put("PARLEY_EVENTS_SOURCES_ACCOUNT_URL", Service.ACCOUNT.internalUrl());
        env.put("PARLEY_EVENTS_SOURCES_FRIENDSHIP_URL", Service.FRIENDSHIP.internalUrl());
        env.put("PARLEY_EXPORT_SOURCES_FRIENDSHIP_URL", Service.FRIENDSHIP.internalUrl());
        env.put("PARLEY_EXPORT_SOURCES_CHAT_URL", Service.CHAT.internalUrl());
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint());
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        // The contract test reads each service's OpenAPI document, which production serves only when asked.
        env.put("QUARKUS_SMALLRYE_OPENAPI_ENABLE", "true");
        if (service == Service.CHAT) {
            // The built-in attachment store, whose signed URLs lead through the front door.
            env.put("PARLEY_PUBLIC_URL", PUBLIC_URL);
            env.put("PARLEY_STORAGE_LOCAL_DIRECTORY", work.resolve("attachments-" + System.nanoTime()).toString());
        }
        if (service == Service.ACCOUNT) {
            env.put("PARLEY_PUBLIC_URL", PUBLIC_URL);
            env.put("PARLEY_JWT_PRIVATE_KEY_LOCATION", signingKey.toString());
            env.put("PARLEY_VERIFICATION_SECRET", verificationSecret);
            env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
            env.put("QUARKUS_MAILER_PORT", Integer.toString(mail.port()));
            env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        }
        env.putAll(extraSettings.getOrDefault(service, Map.of()));
        return env;
    }

    private ProcessBuilder processBuilder(Service service, Map<String, String> settings, Path log)
            throws IOException {
        Path jar = jarOf(root, service);
        Files.writeString(log, "\n=== " + Instant.now() + " java -jar " + jar + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Only what is set here reaches the services: settings from the caller's shell would make runs differ.
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("PARLEY_"));
        builder.environment().putAll(settings);
        return builder;
    }

    private void runScript(String name, List<String> command, Map<String, String> env) throws Exception {
        Path log = logFile(name);
        Files.writeString(log, "\n=== " + Instant.now() + " " + String.join(" ", command) + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(SCRIPT_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log + "\n" + tail(log));
        }
    }

    private void awaitExit(Process process, Service service) throws InterruptedException {
        if (!process.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(service + " did not stop within " + EXIT_WITHIN + " of SIGTERM");
        }
    }

    private Path logFile(String name) {
        return logs.resolve(name + ".log");
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private interface Step {

        void run(Service service) throws Exception;
    }

    /** The step for every service at once, each on its own thread (start-up is mostly waiting on JVMs). */
    private void inParallel(Step step) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> steps = new ArrayList<>();
            for (Service service : Service.values()) {
                steps.add(threads.submit(() -> {
                    step.run(service);
                    return null;
                }));
            }
            for (Future<?> done : steps) {
                try {
                    done.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
                }
            }
        }
    }

    // --- preconditions -------------------------------------------------------------------------------------------

    private static Path jarOf(Path root, Service service) {
        return root.resolve(service + "/target/quarkus-app/quarkus-run.jar");
    }

    private static void requirePackaged(Path root) {
        for (Service service : Service.values()) {
            if (!Files.isRegularFile(jarOf(root, service))) {
                throw new IllegalStateException(jarOf(root, service) + " is missing: package the services first ("
                        + "./mvnw package -DskipTests, or ./mvnw verify from the root, which builds them before "
                        + "this module)");
            }
        }
    }

    private static void requireFreePorts() {
        List<String> taken = new ArrayList<>();
        if (isListening(FRONT_DOOR_PORT)) {
            taken.add(FRONT_DOOR_PORT + " (the front door)");
        }
        for (Service service : Service.values()) {
            if (isListening(service.port())) {
                taken.add(service.port() + " (" + service + ")");
            }
            if (isListening(service.internalPort())) {
                taken.add(service.internalPort() + " (" + service + ", internal)");
            }
        }
        if (!taken.isEmpty()) {
            throw new IllegalStateException(
                    "The end-to-end tests need ports 8080 to 8083 and 9081 to 9083 on 127.0.0.1 and these are "
                            + "in use: " + String.join(", ", taken)
                            + ". Is Parley already running (scripts/run.sh)? Stop it "
                            + "and run the tests again.");
        }
    }

    private static void requireTools() {
        for (String tool : List.of("nginx", "envsubst", "openssl", "psql", "pg_ctlcluster")) {
            boolean found = false;
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                found |= Files.isExecutable(Path.of(dir, tool));
            }
            if (!found) {
                throw new IllegalStateException(tool + " is not installed; scripts/install-deploy-tools.sh installs "
                        + "nginx and envsubst, and PostgreSQL's client and server tools are needed too");
            }
        }
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
