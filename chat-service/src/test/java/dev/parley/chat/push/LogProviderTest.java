package dev.parley.chat.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.core.Vertx;

import dev.parley.chat.client.push.ApnsProvider;
import dev.parley.chat.client.push.FcmProvider;
import dev.parley.chat.client.push.LogProvider;
import dev.parley.chat.client.push.PushPayload;
import dev.parley.chat.client.push.PushProviders;
import dev.parley.chat.client.push.PushResult;
import dev.parley.chat.client.push.PushTarget;
import dev.parley.chat.client.push.WebPushProvider;
import dev.parley.chat.support.FcmStandIn;
import dev.parley.chat.support.TestPushConfig;

/** The log provider, and the choice of provider per platform that falls back to it. */
class LogProviderTest {

    private final Logger log = Logger.getLogger(LogProvider.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        log.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(capture);
    }

    @Test
    void writesThePushToTheLogAndCallsItSent() {
        LogProvider provider = new LogProvider(PushTarget.FCM);
        PushPayload payload = new PushPayload("5f0c7a9e-1111-4222-8333-944455556666", "c42", false, 3, 42L, 1001L,
                7L, 9L, "Ann", "hello");
        PushTarget device = new PushTarget(PushTarget.FCM, "abcdefghijklmnopqrstuvwxyz", null, null, null, null);

        assertThat(provider.send(device, payload).await().atMost(Duration.ofSeconds(5))).isEqualTo(PushResult.sent());
        assertThat(provider.name()).isEqualTo("log");
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.INFO);
            assertThat(message(record)).isEqualTo("Push 5f0c7a9e-1111-4222-8333-944455556666 to fcm device "
                    + "abcdefghijklmnop…: {\"id\":\"5f0c7a9e-1111-4222-8333-944455556666\",\"conversation_id\":42,"
                    + "\"message_id\":1001,\"seq\":7,\"sender_id\":9,\"badge\":3,\"title\":\"Ann\",\"body\":\"hello\","
                    + "\"silent\":false}");
        });
    }

    @Test
    void withoutPreviewTheLogHasNoText() {
        PushPayload payload = new PushPayload("p-2", "c42", false, 1, 42L, 1001L, 7L, 9L, null, null);
        PushTarget browser = new PushTarget(PushTarget.WEBPUSH, null, "https://push.example/x", "k", "a", null);
        new LogProvider(PushTarget.WEBPUSH).send(browser, payload).await().atMost(Duration.ofSeconds(5));

        assertThat(records).singleElement().extracting(LogProviderTest::message).asString()
                .startsWith("Push p-2 to webpush device https://push.exa…: {\"id\":\"p-2\"")
                .doesNotContain("title").doesNotContain("\"body\"");
    }

    @Test
    void eachPlatformGetsItsConfiguredProviderElseTheLogProvider() {
        Vertx vertx = Vertx.vertx();
        try (FcmStandIn fcm = FcmStandIn.start()) {
            TestPushConfig config = TestPushConfig.unconfigured().withFcm(fcm);
            FcmProvider fcmProvider = new FcmProvider(config, vertx);
            PushProviders providers = new PushProviders(fcmProvider, new ApnsProvider(config, vertx),
                    new WebPushProvider(config, vertx));

            assertThat(providers.forPlatform(PushTarget.FCM)).isSameAs(fcmProvider);
            assertThat(providers.forPlatform(PushTarget.APNS).name()).isEqualTo("log");
            assertThat(providers.forPlatform(PushTarget.APNS).platform()).isEqualTo(PushTarget.APNS);
            assertThat(providers.forPlatform(PushTarget.WEBPUSH).name()).isEqualTo("log");
            assertThat(providers.forPlatform(PushTarget.WEBPUSH).platform()).isEqualTo(PushTarget.WEBPUSH);
            assertThatThrownBy(() -> providers.forPlatform("pager")).isInstanceOf(IllegalArgumentException.class);
        } finally {
            vertx.closeAndAwait();
        }
    }

    private static String message(LogRecord record) {
        return record instanceof ExtLogRecord ext
                ? ext.getFormattedMessage()
                : String.format(record.getMessage(), record.getParameters());
    }
}
