package dev.parley.chat.support;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.parley.chat.config.PushConfig;

/** A {@link PushConfig} made by hand, for providers built outside Quarkus: nothing configured until a test says. */
public record TestPushConfig(Duration requestTimeout, PushConfig.Fcm fcm, PushConfig.Apns apns,
        PushConfig.WebPush webpush) implements PushConfig {

    public static TestPushConfig unconfigured() {
        return new TestPushConfig(Duration.ofSeconds(5), new Fcm("https://fcm.googleapis.com", Optional.empty()),
                new Apns("https://api.push.apple.com", Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()),
                new WebPush(Optional.empty(), Optional.empty(), WebPushStandIn.SUBJECT));
    }

    public TestPushConfig withTimeout(Duration timeout) {
        return new TestPushConfig(timeout, fcm, apns, webpush);
    }

    public TestPushConfig withFcm(String url, String serviceAccount) {
        return new TestPushConfig(requestTimeout, new Fcm(url, Optional.of(serviceAccount)), apns, webpush);
    }

    public TestPushConfig withFcm(FcmStandIn standIn) {
        return withFcm(standIn.url(), standIn.serviceAccount());
    }

    public TestPushConfig withApns(ApnsStandIn standIn, String topic) {
        return withApns(standIn.url(), standIn.privateKeyPem(), topic);
    }

    /** APNs at {@code url} with the stand-ins' team and key id, signing with {@code privateKeyPem}. */
    public TestPushConfig withApns(String url, String privateKeyPem, String topic) {
        return new TestPushConfig(requestTimeout, fcm, new Apns(url, Optional.of(ApnsStandIn.TEAM_ID),
                Optional.of(ApnsStandIn.KEY_ID), Optional.of(privateKeyPem), Optional.ofNullable(topic)), webpush);
    }

    public TestPushConfig withWebPush(WebPushStandIn standIn) {
        return new TestPushConfig(requestTimeout, fcm, apns, new WebPush(Optional.of(standIn.vapidPublicKey()),
                Optional.of(standIn.vapidPrivateKey()), WebPushStandIn.SUBJECT));
    }

    @Override
    public int maxDevicesPerUser() {
        return 10;
    }

    @Override
    public int concurrency() {
        return 8;
    }

    @Override
    public Duration lease() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Duration firstRetryDelay() {
        return Duration.ofSeconds(2);
    }

    @Override
    public Duration maxRetryDelay() {
        return Duration.ofMinutes(10);
    }

    @Override
    public Duration giveUpAfter() {
        return Duration.ofHours(1);
    }

    record Fcm(String url, Optional<String> serviceAccount) implements PushConfig.Fcm {
    }

    record Apns(String url, Optional<String> teamId, Optional<String> keyId, Optional<String> privateKey,
            Optional<String> topic) implements PushConfig.Apns {
    }

    record WebPush(Optional<String> publicKey, Optional<String> privateKey, String subject)
            implements
                PushConfig.WebPush {

        @Override
        public Optional<List<String>> trustedOrigins() {
            return Optional.empty();
        }
    }
}
