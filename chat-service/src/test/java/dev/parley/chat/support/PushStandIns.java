package dev.parley.chat.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points chat-service's push providers at stand-ins in the test JVM: FCM with its OAuth token endpoint, APNs over
 * HTTP/2 and a Web Push service, each checking the credentials it is sent.
 */
public class PushStandIns implements QuarkusTestResourceLifecycleManager {

    public static final String APNS_TOPIC = "dev.parley.app";
    private static FcmStandIn fcm;
    private static ApnsStandIn apns;
    private static WebPushStandIn webPush;

    @Override
    public Map<String, String> start() {
        fcm = FcmStandIn.start();
        apns = ApnsStandIn.start();
        webPush = WebPushStandIn.start();
        return Map.ofEntries(Map.entry("parley.push.fcm.url", fcm.url()),
                Map.entry("parley.push.fcm.service-account", fcm.serviceAccount()),
                Map.entry("parley.push.apns.url", apns.url()),
                Map.entry("parley.push.apns.team-id", ApnsStandIn.TEAM_ID),
                Map.entry("parley.push.apns.key-id", ApnsStandIn.KEY_ID),
                Map.entry("parley.push.apns.private-key", apns.privateKeyPem()),
                Map.entry("parley.push.apns.topic", APNS_TOPIC),
                Map.entry("parley.push.webpush.public-key", webPush.vapidPublicKey()),
                Map.entry("parley.push.webpush.private-key", webPush.vapidPrivateKey()),
                Map.entry("parley.push.webpush.subject", WebPushStandIn.SUBJECT),
                Map.entry("parley.push.webpush.trusted-origins", webPush.url()),
                Map.entry("parley.push.first-retry-delay", "200ms"));
    }

    @Override
    public void stop() {
        fcm.close();
        apns.close();
        webPush.close();
    }

    public static FcmStandIn fcm() {
        return fcm;
    }

    public static ApnsStandIn apns() {
        return apns;
    }

    public static WebPushStandIn webPush() {
        return webPush;
    }
}
