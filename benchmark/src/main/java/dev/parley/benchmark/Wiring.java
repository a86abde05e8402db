package dev.parley.benchmark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of each process, as scripts/run.sh's {@code service_env} wires the services: its port and internal
 * port, its own role on the benchmark database, the shared service token, the neighbours' URLs, the event feeds it
 * follows and the exports it gathers on the others' internal ports; and for account-service its secrets and the SMTP
 * server in this process. Limits as {@link Limits} lifts them; chat-service takes a mode's own settings too (the push
 * provider of {@code push}).
 */
final class Wiring {

    /** Where one process listens: its API and its internal port. */
    record Ports(int http, int internal) {

        String url() {
            return "http://127.0.0.1:" + http;
        }

        String internalUrl() {
            return "http://127.0.0.1:" + internal;
        }
    }

    private final Settings settings;
    private final Secrets secrets;
    private final int mailPort;
    private final Ports account;
    private final Ports friendship;
    private final List<Ports> chat;
    private final Map<String, String> chatExtra;

    Wiring(Settings settings, Secrets secrets, int mailPort, Ports account, Ports friendship, List<Ports> chat,
            Map<String, String> chatExtra) {
        this.settings = settings;
        this.secrets = secrets;
        this.mailPort = mailPort;
        this.account = account;
        this.friendship = friendship;
        this.chat = chat;
        this.chatExtra = Map.copyOf(chatExtra);
    }

    Map<String, String> account() {
        Map<String, String> env = common(Service.ACCOUNT, account);
        env.put("PARLEY_EXPORT_SOURCES_FRIENDSHIP_URL", friendship.internalUrl());
        env.put("PARLEY_EXPORT_SOURCES_CHAT_URL", chat.get(0).internalUrl());
        env.put("PARLEY_PUBLIC_URL", account.url());
        env.put("PARLEY_JWT_PRIVATE_KEY_LOCATION", secrets.signingKey().toString());
        env.put("PARLEY_VERIFICATION_SECRET", secrets.verificationSecret());
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", Integer.toString(mailPort));
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        env.putAll(Limits.ACCOUNT);
        env.putAll(Limits.SET_UP);
        return env;
    }

    Map<String, String> friendship() {
        Map<String, String> env = common(Service.FRIENDSHIP, friendship);
        env.put("PARLEY_EVENTS_SOURCES_ACCOUNT_URL", account.internalUrl());
        env.putAll(Limits.FRIENDSHIP);
        return env;
    }

    /** Every replica alike but for its ports, on the same database, with the mode's own settings on top. */
    Map<String, String> chat(int replica) {
        Map<String, String> env = common(Service.CHAT, chat.get(replica));
        env.put("PARLEY_EVENTS_SOURCES_ACCOUNT_URL", account.internalUrl());
        env.put("PARLEY_EVENTS_SOURCES_FRIENDSHIP_URL", friendship.internalUrl());
        env.putAll(Limits.CHAT);
        env.putAll(chatExtra);
        return env;
    }

    private Map<String, String> common(Service service, Ports ports) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.http()));
        env.put("PARLEY_INTERNAL_HOST", "127.0.0.1");
        env.put("PARLEY_INTERNAL_PORT", Integer.toString(ports.internal()));
        env.put("PARLEY_INTERNAL_TOKEN", secrets.internalToken());
        env.put("QUARKUS_DATASOURCE_USERNAME", service.role());
        env.put("QUARKUS_DATASOURCE_PASSWORD", service.password());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", settings.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", settings.jdbcUrl());
        env.put("PARLEY_ACCOUNT_SERVICE_URL", account.url());
        env.put("PARLEY_FRIENDSHIP_SERVICE_URL", friendship.url());
        // Plain-text logs for whoever reads benchmark/target/logs; warnings only, so logging costs the run nothing.
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        return env;
    }
}
