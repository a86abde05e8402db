package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.parley.chat.support.Chat;

/** The conventions every service shares: one error envelope for every failure, and the operations endpoints. */
@QuarkusTest
class ConventionsTest {

    @Test
    void malformedJsonAndWrongContentTypeOnEveryPostAndPatch() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long group = ann.group("g", bob);
        long message = ann.send(group, "x").then().extract().jsonPath().getLong("id");
        String base = "/v1/conversations/" + group;
        List<String[]> writes = List.of(new String[]{"POST", "/v1/conversations"},
                new String[]{"PATCH", base}, new String[]{"POST", base + "/members"},
                new String[]{"PATCH", base + "/members/" + bob.id()}, new String[]{"POST", base + "/messages"},
                new String[]{"PATCH", base + "/messages/" + message}, new String[]{"POST", base + "/read"});
        for (String[] write : writes) {
            given().auth().oauth2(ann.token()).contentType(ContentType.JSON).body("{\"oops\": ")
                    .request(write[0], write[1]).then().spec(error(400, "Malformed JSON body"));
            given().auth().oauth2(ann.token()).contentType(ContentType.TEXT).body("hello")
                    .request(write[0], write[1])
                    .then().spec(error(415, "Unsupported media type; send application/json"));
        }
    }

    @Test
    void aNulCharacterInABodyOrAQueryIsRefusedByName() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long group = ann.group("g", bob);
        String base = "/v1/conversations/" + group;
        ann.request().body("{\"body\": \"hi\\u0000\"}").post(base + "/messages")
                .then().spec(error(400, "Invalid characters in 'body'"));
        ann.request().body("{\"title\": \"\\u0000\"}").patch(base)
                .then().spec(error(400, "Invalid characters in 'title'"));
        ann.request().urlEncodingEnabled(false).get("/v1/conversations?cursor=%00")
                .then().spec(error(400, "Invalid characters in 'cursor'"));
        ann.request().urlEncodingEnabled(false).get("/v1/sync?since=a%00b")
                .then().spec(error(400, "Invalid characters in 'since'"));
        assertThat(ann.request().get(base + "/messages").then().statusCode(200).extract().jsonPath()
                .getList("items")).isEmpty();
    }

    @Test
    void unknownRoutesAndWrongMethodsAnswerInTheEnvelope() {
        Chat ann = Chat.newUser();
        ann.request().get("/v1/nowhere").then().spec(error(404, "Not found"));
        ann.request().put("/v1/conversations").then().spec(error(405, "Method not allowed"));
        ann.request().get("/v1/conversations/abc").then().spec(error(404, "Not found"));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        ann.sent(ann.directWith(bob), "counted");
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .body(containsString("parley_messages_sent_total"))
                .body(containsString("http_server_requests_seconds_count"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/v1/conversations/{id}/messages"));
    }
}
