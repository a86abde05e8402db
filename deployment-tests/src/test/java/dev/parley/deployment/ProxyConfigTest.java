package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * The local reverse proxy (deploy/nginx/parley.conf.template, shared by docker-compose and the local run) routes the
 * same prefixes as the Ingress, is valid for nginx, and answers its own errors in Parley's JSON envelope.
 */
class ProxyConfigTest {

    private static final String TEMPLATE = "deploy/nginx/parley.conf.template";
    private static final Pattern ROUTE = Pattern.compile(
            "location\\s+~\\s+\\^(\\S+?)\\(/\\|\\$\\)\\s*\\{\\s*set\\s+\\$parley_upstream\\s+\\$\\{UPSTREAM_([A-Z_]+)\\};");

    private static Path dir;
    private static Process nginx;
    private static HttpServer chat;
    private static int proxyPort;
    private static final Map<String, Map<String, String>> SEEN = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startProxy() throws Exception {
        Tools.require("nginx");
        // A stand-in chat-service that records what reaches it; account-service and friendship-service are down.
        chat = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        chat.createContext("/", exchange -> {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            SEEN.put(exchange.getRequestURI().toString(), headers);
            byte[] body = "{\"from\": \"chat\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        chat.start();
        int down = freePort();
        proxyPort = freePort();
        dir = Files.createTempDirectory("parley-proxy");
        // A stand-in for the web client's build (clients/web/dist), readable by nginx's workers, which run as nobody
        // when the tests run as root.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path web = Files.createDirectories(dir.resolve("web-build/assets"));
        Files.writeString(web.resolveSibling("index.html"), "<!doctype html><div id=\"app\"></div>");
        Files.writeString(web.resolve("index-4f2a9c.js"), "console.log('parley');");
        Tools.run(Repo.ROOT, Map.of("PROXY_LISTEN", "127.0.0.1:" + proxyPort,
                "UPSTREAM_ACCOUNT_SERVICE", "127.0.0.1:" + down,
                "UPSTREAM_FRIENDSHIP_SERVICE", "127.0.0.1:" + down,
                "UPSTREAM_CHAT_SERVICE", "127.0.0.1:" + chat.getAddress().getPort(),
                "PROXY_WEB_ROOT", web.getParent().toString()),
                Duration.ofMinutes(1), List.of("scripts/render-proxy-config.sh", "--check", dir.toString()))
                .orFail("scripts/render-proxy-config.sh --check (nginx -t)");
        nginx = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(), "-g",
                "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", proxyPort)) {
                break;
            } catch (IOException e) {
                if (!nginx.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("nginx did not start: " + Files.readString(dir.resolve("nginx.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stopProxy() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly().waitFor();
            }
        }
        if (chat != null) {
            chat.stop(0);
        }
        if (dir != null) {
            Manifests.delete(dir);
        }
    }

    @Test
    void routesTheSamePrefixesToTheSameServicesAsTheIngress() {
        Map<String, String> proxy = templateRoutes();
        assertThat(proxy).isEqualTo(IngressTest.routes(Manifests.of("base")));
        for (Routes.Route route : Routes.served()) {
            assertThat(Routes.routeOf(proxy, route.path())).as("proxy route for %s", route.path())
                    .contains(route.service());
        }
    }

    @Test
    void theRenderedConfigurationProxiesOnlyToTheServicesHttpPorts() throws Exception {
        Map<String, String> ports = ScriptsTest.libTable("SERVICE_PORT");
        Map<String, String> internalPorts = ScriptsTest.libTable("SERVICE_INTERNAL_PORT");
        assertThat(internalPorts.values()).as("the internal ports in scripts/lib.sh").hasSameSizeAs(Routes.SERVICES)
                .allSatisfy(port -> assertThat(port).matches("\\d+"));
        Path rendered = Files.createTempDirectory("parley-proxy-defaults");
        try {
            Tools.run(Repo.ROOT, Map.of(), Duration.ofMinutes(1),
                    List.of("scripts/render-proxy-config.sh", rendered.toString()))
                    .orFail("scripts/render-proxy-config.sh with its defaults");
            String config = Files.readString(rendered.resolve("parley.conf"));
            Matcher upstream = Pattern.compile("set \\$parley_upstream ([^;]+);").matcher(config);
            List<String> upstreams = new ArrayList<>();
            while (upstream.find()) {
                upstreams.add(upstream.group(1));
            }
            assertThat(upstreams).isNotEmpty().allSatisfy(u -> assertThat(u).isIn(ports.values().stream()
                    .map(port -> "127.0.0.1:" + port).toList()));
            for (String port : internalPorts.values()) {
                assertThat(config).as("the rendered proxy configuration").doesNotContainPattern("\\b" + port + "\\b");
            }
            Matcher proxyPass = Pattern.compile("proxy_pass\\s+([^;]+);").matcher(config);
            while (proxyPass.find()) {
                assertThat(proxyPass.group(1)).as("proxy_pass").isEqualTo("http://$parley_upstream");
            }
        } finally {
            Manifests.delete(rendered);
        }
    }

    @Test
    void refusesToProxyToAServicesInternalPort() {
        String internal = ScriptsTest.libTable("SERVICE_INTERNAL_PORT").get("account-service");
        Path rendered = dir.resolve("refused");
        Tools.Result result = Tools.run(Repo.ROOT, Map.of("UPSTREAM_CHAT_SERVICE", "127.0.0.1:" + internal),
                Duration.ofMinutes(1), List.of("scripts/render-proxy-config.sh", rendered.toString()));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("internal port");
        assertThat(rendered.resolve("parley.conf")).doesNotExist();
    }

    @Test
    void noLocationCarriesAnInternalPathToAService() {
        // Every location that proxies, by its match: none takes an internal route.
        Matcher location = Pattern.compile("location\\s+(~\\*?|\\^~|=)?\\s*(\\S+)\\s*\\{(.*?)\n    \\}",
                Pattern.DOTALL).matcher(Repo.read(TEMPLATE));
        int proxied = 0;
        while (location.find()) {
            String modifier = location.group(1) == null ? "" : location.group(1);
            String match = location.group(2);
            if (!location.group(3).contains("proxy_pass")) {
                continue;
            }
            proxied++;
            boolean takesInternal = modifier.startsWith("~")
                    ? Pattern.compile(match, modifier.equals("~*") ? Pattern.CASE_INSENSITIVE : 0)
                            .matcher(Routes.INTERNAL_FEED).find()
                    : Routes.INTERNAL_FEED.startsWith(match);
            assertThat(takesInternal).as("location %s %s proxies %s", modifier, match, Routes.INTERNAL_FEED)
                    .isFalse();
        }
        assertThat(proxied).isEqualTo(templateRoutes().size());
    }

    @Test
    void answersInternalPathsAsUnknownPathsWithoutAskingAService() throws Exception {
        for (String path : List.of(Routes.INTERNAL_FEED, Routes.INTERNAL_FEED + "?after=0&wait=20s",
                Routes.INTERNAL_PREFIX + "/v1/users/0b7c7c39-9f0a-4d3e-a9f4-0c6c2ad2f0f1/export",
                "/v1/sync/../.." + Routes.INTERNAL_FEED)) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + proxyPort + path)).header("Authorization", "Bearer a-guessed-service-token")
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEnvelope(response, 404, "Not Found");
        }
        assertThat(SEEN.keySet()).noneMatch(seen -> seen.contains(Routes.INTERNAL_PREFIX));
    }

    @Test
    void keepsWebSocketsOpen() {
        String template = Repo.read(TEMPLATE);
        String stream = template.substring(template.indexOf("location ~ ^/v1/stream(/|$)"));
        stream = stream.substring(0, stream.indexOf("\n    }"));
        assertThat(stream).contains("proxy_read_timeout 3600s").contains("proxy_send_timeout 3600s")
                .contains("proxy_buffering off");
        assertThat(template).contains("proxy_set_header Upgrade $http_upgrade")
                .contains("proxy_set_header Connection $parley_connection").contains("proxy_http_version 1.1");
    }

    @Test
    void everyErrorThatTheProxyProducesIsAJsonEnvelope() throws Exception {
        String template = Repo.read(TEMPLATE);
        for (int status : new int[]{400, 404, 405, 408, 413, 414, 429, 500, 502, 503, 504}) {
            Matcher location = Pattern.compile("location = /_errors/" + status + " \\{(.*?)\n    \\}",
                    Pattern.DOTALL).matcher(template);
            assertThat(template).containsPattern("error_page " + status + " (=\\d+ )?/_errors/" + status + ";");
            assertThat(location.find()).as("location for %d", status).isTrue();
            String body = location.group(1);
            assertThat(body).contains("internal;").contains("default_type application/json;");
            Matcher json = Pattern.compile("return " + status + " '(.*)\\\\n';").matcher(body);
            assertThat(json.find()).as("JSON body for %d", status).isTrue();
            JsonNode error = Manifests.JSON.readTree(json.group(1)).path("error");
            assertThat(error.path("status").asInt()).isEqualTo(status);
            assertThat(error.path("message").asText()).isNotEmpty();
            assertThat(error.path("type").asText()).isNotEmpty();
        }
    }

    @Test
    void answersUnknownPathsWith404InTheEnvelope() throws Exception {
        assertEnvelope(get("/nowhere"), 404, "Not Found");
        assertEnvelope(get("/v1/accountsX"), 404, "Not Found");
        assertEnvelope(get("/q/metrics"), 404, "Not Found");
    }

    @Test
    void servesTheWebClientAtTheRootWithItsIndexRevalidatedAndItsAssetsCachedForAYear() throws Exception {
        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/html"));
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(index.body()).contains("<div id=\"app\">");

        HttpResponse<String> asset = get("/assets/index-4f2a9c.js");
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type")).hasValue("text/javascript");
        assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");

        assertEnvelope(get("/assets/missing.js"), 404, "Not Found");
        assertThat(SEEN.keySet()).noneMatch(seen -> seen.startsWith("/assets") || seen.equals("/"));
    }

    @Test
    void answersRequestsItCannotReadInTheEnvelopeToo() throws Exception {
        assertEnvelope(get("/v1/sync?cursor=" + "x".repeat(9_000)), 414, "URI Too Long");
        assertEnvelope(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + "/v1/sync"))
                .header("X-Large", "y".repeat(40_000)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString()), 431, "Request Header Fields Too Large");
        try (Socket socket = new Socket("127.0.0.1", proxyPort)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/json")
                    .contains("{\"error\": {\"message\": \"The proxy could not read the request\", \"status\": 400");
        }
    }

    @Test
    void answersForAServiceThatIsDownWith502InTheEnvelope() throws Exception {
        assertEnvelope(get("/v1/accounts/me"), 502, "Bad Gateway");
        assertEnvelope(get("/.well-known/jwks.json"), 502, "Bad Gateway");
        assertEnvelope(get("/v1/blocks"), 502, "Bad Gateway");
    }

    @Test
    void passesRequestsThroughWithTheirPathAndForwardedHeaders() throws Exception {
        HttpResponse<String> response = get("/v1/sync?after=5");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"from\": \"chat\"}");
        Map<String, String> headers = SEEN.get("/v1/sync?after=5");
        assertThat(headers).containsEntry("x-forwarded-proto", "http").containsEntry("x-forwarded-for", "127.0.0.1")
                .containsKey("x-forwarded-host");
    }

    @Test
    void upgradesWebSocketRequestsToChatService() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", proxyPort)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/stream?access_token=t HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            int read = in.read(buffer);
            assertThat(new String(buffer, 0, Math.max(read, 0), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 ");
        }
        Map<String, String> headers = SEEN.get("/v1/stream?access_token=t");
        assertThat(headers).isNotNull().containsEntry("upgrade", "websocket").containsEntry("connection", "upgrade");
    }

    @Test
    void neverLogsQueryStringsSoAccessTokensStayOutOfTheAccessLog() throws Exception {
        assertThat(get("/v1/sync?access_token=secret-token-in-query").statusCode()).isEqualTo(200);

        Path log = dir.resolve("nginx.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!Files.readString(log).contains("GET /v1/sync ") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.readString(log)).contains("GET /v1/sync HTTP/1.1\" 200")
                .doesNotContain("secret-token-in-query");
    }

    @Test
    void answersTooManyRequestsFromOneAddressWith429InTheEnvelope() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(32);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 1500; i++) {
                answers.add(clients.submit(() -> get("/v1/sync?burst")));
            }
            List<HttpResponse<String>> refused = new ArrayList<>();
            int passed = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                if (response.statusCode() == 429) {
                    refused.add(response);
                } else if (response.statusCode() == 200) {
                    passed++;
                }
            }
            // The default burst of 400 passes at once; beyond the sustained rate the rest is refused.
            assertThat(passed).isGreaterThanOrEqualTo(400);
            assertThat(refused).isNotEmpty();
            assertEnvelope(refused.get(0), 429, "Too Many Requests");
            assertThat(refused.get(0).headers().firstValue("Retry-After")).hasValue("1");
        } finally {
            clients.shutdownNow();
        }
        // Let the burst refill (400 at 100 per second) before the other tests.
        Thread.sleep(5_000);
        assertThat(get("/v1/sync").statusCode()).isEqualTo(200);
    }

    /** Prefix to service, from the template's locations. */
    static Map<String, String> templateRoutes() {
        Map<String, String> routes = new LinkedHashMap<>();
        Matcher m = ROUTE.matcher(Repo.read(TEMPLATE));
        while (m.find()) {
            routes.put(m.group(1).replace("\\.", "."), m.group(2).toLowerCase().replace('_', '-'));
        }
        return routes;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertEnvelope(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        JsonNode error = Manifests.JSON.readTree(response.body()).path("error");
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("type").asText()).isEqualTo(type);
        assertThat(error.path("message").asText()).isNotEmpty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
