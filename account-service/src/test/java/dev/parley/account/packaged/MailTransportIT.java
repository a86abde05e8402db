package dev.parley.account.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import dev.parley.testing.MailServer;
import dev.parley.testing.Unique;

/**
 * Production submits mail only over TLS: against a relay that offers no STARTTLS, nothing is sent in clear text; the
 * mail stays in the outbox with the reason. Told explicitly that the relay has no TLS, the same mail goes out.
 */
class MailTransportIT {

    private MailServer relay;

    @BeforeEach
    void startRelayOnAnEmptyOutbox() throws Exception {
        relay = MailServer.start();
        // Each test starts its own service on this database: no mail another one queued may be sent by this one.
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("delete from account.outbox_mails");
        } catch (SQLException noSchemaYet) {
            // the first service to start creates it
        }
    }

    @AfterEach
    void stopRelay() {
        relay.stop();
    }

    @Test
    void aRelayWithoutStartTlsGetsNoMailInProduction() throws Exception {
        String email = Unique.email("tls", "example.com");
        try (ProductionProcess service = ProductionProcess.start(settings(Map.of()))) {
            service.awaitReady(Duration.ofSeconds(60));
            register(service, email);

            String reason = awaitFailedAttempt(email);
            assertThat(reason).containsIgnoringCase("STARTTLS");
            assertThat(relay.mailsTo(email)).isEmpty();
        }
    }

    @Test
    void aRelayDeclaredWithoutTlsGetsTheMail() throws Exception {
        String email = Unique.email("plain", "example.com");
        try (ProductionProcess service = ProductionProcess.start(settings(Map.of("QUARKUS_MAILER_START_TLS",
                "DISABLED")))) {
            service.awaitReady(Duration.ofSeconds(60));
            register(service, email);

            assertThat(relay.awaitMail(email, 1)).contains("/v1/accounts/verify/");
            awaitSent(email);
        }
    }

    private Map<String, String> settings(Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(ProductionProcess.secrets());
        settings.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        settings.put("QUARKUS_MAILER_PORT", Integer.toString(relay.port()));
        settings.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        settings.put("PARLEY_MAIL_POLL_INTERVAL", "200ms");
        settings.putAll(extra);
        return settings;
    }

    /** The reason the outbox gives for a failed delivery to the address, which it still holds unsent. */
    private static String awaitFailedAttempt(String email) throws Exception {
        return awaitRow(email, "select last_error from account.outbox_mails where recipient = ? and attempts > 0 "
                + "and sent_at is null and last_error is not null");
    }

    private static void awaitSent(String email) throws Exception {
        awaitRow(email, "select 'sent' from account.outbox_mails where recipient = ? and sent_at is not null");
    }

    private static String awaitRow(String email, String sql) throws Exception {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, email);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        return rows.getString(1);
                    }
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("no outbox row for " + email + " as expected by: " + sql);
    }

    private static Connection connect() throws SQLException {
        Map<String, String> db = ProductionProcess.database();
        return DriverManager.getConnection(db.get("QUARKUS_DATASOURCE_JDBC_URL"), db.get("QUARKUS_DATASOURCE_USERNAME"),
                db.get("QUARKUS_DATASOURCE_PASSWORD"));
    }

    private static void register(ProductionProcess service, String email) {
        given().baseUri(service.url()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "correct horse battery staple", "username",
                        Unique.username("tls")))
                .post("/v1/accounts/register").then().statusCode(201);
    }
}
