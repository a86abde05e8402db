package dev.parley.chat.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vertx.core.json.JsonObject;

/** Phones with FCM tokens for the tests' users, and the pushes the FCM stand-in received for each. */
public final class Phones {

    /** Pushes arrive within this: the two seconds, plus room for a loaded test machine. */
    public static final Duration PUSH_WAIT = Duration.ofSeconds(5);

    private Phones() {
    }

    /** Registers a new FCM device for the user; answers its token. */
    public static String register(Chat user) {
        String token = "fcm:" + UUID.randomUUID() + "-" + "t".repeat(100);
        user.request().body(Map.of("platform", "fcm", "token", token)).put("/v1/devices/phone-" + user.id())
                .then().statusCode(201);
        return token;
    }

    /** The FCM messages sent to the token so far, in order. */
    public static List<JsonObject> pushesTo(String token) {
        return PushStandIns.fcm().sends().stream().map(request -> request.json().getJsonObject("message"))
                .filter(message -> token.equals(message.getString("token"))).toList();
    }

    /** Waits for the token's {@code count}-th push and answers all of them. */
    public static List<JsonObject> awaitPushes(String token, int count) {
        await().atMost(PUSH_WAIT).until(() -> pushesTo(token).size() >= count);
        return pushesTo(token);
    }

    /** The data of a push: its ids, badge and, with previews on, the body. */
    public static JsonObject data(JsonObject message) {
        return message.getJsonObject("data");
    }
}
