package dev.parley.account.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.parley.testing.MailServer;

/** The real SMTP server account-service delivers to while its tests run. */
public class Mail implements QuarkusTestResourceLifecycleManager {

    private static volatile MailServer server;

    /** The server the service under test delivers to. */
    public static MailServer mail() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = MailServer.start();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(server.port()),
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
