package dev.parley.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.RunningProduct;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.Uploads;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;

/** A walk through every operation of the public API, through the front door, each answered with success. */
final class ApiTour {

    private ApiTour() {
    }

    static void callEveryOperation() {
        List<User> users = Users.verifiedUsers("ann", "bob", "cat", "dan", "eve");
        User ann = users.get(0);
        User bob = users.get(1);
        User cat = users.get(2);
        User dan = users.get(3);
        User eve = users.get(4);
        accounts(ann, bob);
        friendships(ann, bob, cat, dan, eve);
        conversations(ann, bob, cat);
        ann.request().delete("/v1/friendships/" + cat.id()).then().statusCode(204);
        leaving(dan);
    }

    private static void accounts(User ann, User bob) {
        FrontDoor.request().get("/.well-known/jwks.json").then().statusCode(200);
        FrontDoor.request().body(Map.of("email", ann.email())).post("/v1/accounts/verify/resend")
                .then().statusCode(202);
        FrontDoor.request().body(Map.of("refresh_token", ann.refreshToken())).post("/v1/accounts/token/refresh")
                .then().statusCode(200);
        String other = Users.login(ann.email()).getString("refresh_token");
        FrontDoor.request().body(Map.of("refresh_token", other)).post("/v1/accounts/logout").then().statusCode(204);
        Users.login(ann.email());
        List<Long> sessions = ann.request().get("/v1/accounts/sessions").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { !it.current }.id", Long.class);
        ann.request().delete("/v1/accounts/sessions/" + sessions.get(0)).then().statusCode(204);
        ann.request().queryParam("query", ann.username().substring(0, 3)).get("/v1/users").then().statusCode(200);
        ann.request().get("/v1/users/" + bob.id()).then().statusCode(200);
        ann.request().body(Map.of("location", "Lisbon")).patch("/v1/users/me").then().statusCode(200);
        long export = ann.request().post("/v1/accounts/me/export").then().statusCode(202).extract().jsonPath()
                .getLong("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> "ready".equals(ann
                .request().get("/v1/accounts/me/exports/" + export).then().statusCode(200).extract().jsonPath()
                .getString("status")));
        ann.request().get("/v1/accounts/me/exports/" + export + "/download").then().statusCode(200);
    }

    private static void friendships(User ann, User bob, User cat, User dan, User eve) {
        long toBob = ann.request().body(Map.of("user_id", bob.id())).post("/v1/friendships/requests")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        bob.request().queryParam("direction", "incoming").get("/v1/friendships/requests").then().statusCode(200);
        bob.request().post("/v1/friendships/requests/" + toBob + "/accept").then().statusCode(200);
        ann.request().body(Map.of("user_id", cat.id())).post("/v1/friendships/requests").then().statusCode(201);
        cat.request().body(Map.of("user_id", ann.id())).post("/v1/friendships/requests").then().statusCode(200);
        long toDan = ann.request().body(Map.of("user_id", dan.id())).post("/v1/friendships/requests")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        dan.request().post("/v1/friendships/requests/" + toDan + "/decline").then().statusCode(204);
        long fromEve = eve.request().body(Map.of("user_id", ann.id())).post("/v1/friendships/requests")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        eve.request().delete("/v1/friendships/requests/" + fromEve).then().statusCode(204);
        ann.request().get("/v1/friendships").then().statusCode(200);
        ann.request().get("/v1/friendships/" + bob.id()).then().statusCode(200);
        ann.request().body(Map.of("user_id", eve.id())).post("/v1/blocks").then().statusCode(201);
        ann.request().get("/v1/blocks").then().statusCode(200);
        ann.request().delete("/v1/blocks/" + eve.id()).then().statusCode(204);
    }

    private static void conversations(User ann, User bob, User cat) {
        long direct = Social.direct(ann, bob);
        ann.request().body(Map.of("type", "direct", "user_id", bob.id())).post("/v1/conversations")
                .then().statusCode(200);
        ann.request().get("/v1/conversations").then().statusCode(200);
        ann.request().get("/v1/conversations/" + direct).then().statusCode(200);
        long group = ann.request().body(Map.of("type", "group", "title", "tour", "member_ids", List.of(bob.id())))
                .post("/v1/conversations").then().statusCode(201).extract().jsonPath().getLong("id");
        ann.request().body(Map.of("title", "the tour")).patch("/v1/conversations/" + group).then().statusCode(200);
        ann.request().body(Map.of("user_id", cat.id())).post("/v1/conversations/" + group + "/members")
                .then().statusCode(201);
        ann.request().body(Map.of("role", "admin")).patch("/v1/conversations/" + group + "/members/" + cat.id())
                .then().statusCode(200);
        ann.request().delete("/v1/conversations/" + group + "/members/" + cat.id()).then().statusCode(204);

        Map<String, String> message = Map.of("body", "hello", "client_message_id", "tour-1");
        long sent = ann.request().body(message).post("/v1/conversations/" + direct + "/messages")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        ann.request().body(message).post("/v1/conversations/" + direct + "/messages").then().statusCode(200);
        bob.request().get("/v1/conversations/" + direct + "/messages").then().statusCode(200);
        ann.request().body(Map.of("body", "hello!")).patch("/v1/conversations/" + direct + "/messages/" + sent)
                .then().statusCode(200);
        bob.request().get("/v1/search/messages?q=hello&conversation_id=" + direct).then().statusCode(200);
        ann.request().delete("/v1/conversations/" + direct + "/messages/" + sent).then().statusCode(204);
        bob.request().body(Map.of("seq", 1)).post("/v1/conversations/" + direct + "/read").then().statusCode(204);
        richMessaging(ann, bob, direct);
        notifications(bob, direct);
        attachments(ann, bob, direct);
        bob.request().get("/v1/sync").then().statusCode(200);
        bob.request().get("/v1/presence?user_ids=" + ann.id()).then().statusCode(200);
    }

    private static void richMessaging(User ann, User bob, long direct) {
        String messages = "/v1/conversations/" + direct + "/messages";
        long first = ann.request().body(Map.of("body", "first", "mentions", List.of(bob.id()))).post(messages)
                .then().statusCode(201).extract().jsonPath().getLong("id");
        bob.request().body(Map.of("body", "reply", "reply_to", first)).post(messages).then().statusCode(201);
        String reactions = messages + "/" + first + "/reactions/{emoji}";
        bob.request().put(reactions, "👍").then().statusCode(204);
        ann.request().get(reactions, "👍").then().statusCode(200);
        bob.request().delete(reactions, "👍").then().statusCode(204);
        ann.request().put("/v1/conversations/" + direct + "/pins/" + first).then().statusCode(204);
        bob.request().get("/v1/conversations/" + direct + "/pins").then().statusCode(200);
        ann.request().delete("/v1/conversations/" + direct + "/pins/" + first).then().statusCode(204);
        bob.request().body(Map.of("seq", 2)).post("/v1/conversations/" + direct + "/delivered").then().statusCode(204);
        ann.request().get("/v1/conversations/" + direct + "/receipts").then().statusCode(200);
    }

    private static void attachments(User ann, User bob, long direct) {
        long id = Uploads.upload(ann, direct, "dot.png", "image/png", Uploads.png(4, 4));
        ann.request().body(Map.of("body", "notes", "attachment_ids", List.of(id)))
                .post("/v1/conversations/" + direct + "/messages").then().statusCode(201);
        String signed = bob.request().redirects().follow(false).get("/v1/media/" + id).then().statusCode(302)
                .extract().header("Location");
        FrontDoor.signedUrl().get(signed).then().statusCode(200);
        bob.request().redirects().follow(false).get("/v1/media/" + id + "/thumbnail").then().statusCode(302);
    }

    private static void notifications(User bob, long direct) {
        bob.request().body(Map.of("platform", "fcm", "token", "fcm-tour-" + bob.id() + "-" + "t".repeat(40)))
                .put("/v1/devices/tour-phone").then().statusCode(201);
        bob.request().get("/v1/devices").then().statusCode(200);
        bob.request().body(Map.of("level", "mentions")).put("/v1/conversations/" + direct + "/notifications")
                .then().statusCode(200);
        bob.request().get("/v1/conversations/" + direct + "/notifications").then().statusCode(200);
        bob.request().body(Map.of("previews", true)).put("/v1/notifications/settings").then().statusCode(200);
        bob.request().get("/v1/notifications/settings").then().statusCode(200);
        bob.request().delete("/v1/devices/tour-phone").then().statusCode(204);
    }

    private static void leaving(User dan) {
        FrontDoor.request().body(Map.of("email", dan.email())).post("/v1/accounts/password/forgot")
                .then().statusCode(202);
        // The reset mail is dan's second, after the verification.
        String token = RunningProduct.product().mail().resetToken(dan.email(), 2);
        String password = "a brand new passphrase";
        FrontDoor.request().body(Map.of("token", token, "password", password)).post("/v1/accounts/password/reset")
                .then().statusCode(204);
        String access = FrontDoor.request().body(Map.of("email", dan.email(), "password", password))
                .post("/v1/accounts/login").then().statusCode(200).extract().jsonPath().getString("access_token");
        FrontDoor.as(access).body(Map.of("password", password)).delete("/v1/accounts/me").then().statusCode(204);
    }
}
