package dev.parley.friendship;

import static dev.parley.friendship.support.Api.block;
import static dev.parley.friendship.support.Api.sendRequest;
import static dev.parley.friendship.support.Internal.FEED;
import static dev.parley.friendship.support.Published.keyOf;
import static dev.parley.friendship.support.Published.state;
import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.parley.common.internal.InternalServer;
import dev.parley.friendship.support.Api;
import dev.parley.friendship.support.Internal;
import dev.parley.friendship.support.Published;
import dev.parley.friendship.support.Users;
import dev.parley.friendship.support.Users.TestUser;

/** The friendship feed on the internal port, as chat-service follows it. */
@QuarkusTest
class InternalFeedTest {

    private static final String TOKEN_REQUIRED = "Service token required";

    @Inject
    InternalServer internal;

    @Inject
    DataSource db;

    @Test
    void theInternalPortRefusesCallersWithoutTheServiceToken() {
        TestUser alice = Users.create();
        Internal.anonymous(internal).get(FEED).then().spec(error(401, TOKEN_REQUIRED));
        Internal.anonymous(internal).header("Authorization", "Bearer parley-wrong-token").get(FEED)
                .then().spec(error(401, TOKEN_REQUIRED));
        // A user's access token is no service token.
        Internal.anonymous(internal).auth().oauth2(alice.token()).get(FEED).then().spec(error(401, TOKEN_REQUIRED));
        Internal.anonymous(internal).get("/internal/v1/users/" + alice.id() + "/export")
                .then().spec(error(401, TOKEN_REQUIRED));
    }

    @Test
    void theFeedServesEveryChangeOfAPairInTheOrderItHappened() {
        String head = Internal.head(internal);
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        Api.accept(bob, Api.pendingRequest(alice, bob)).then().statusCode(200);
        block(alice, bob.id()).then().statusCode(201);

        JsonNode page = Internal.page(internal, head);

        List<JsonNode> events = eventsOf(page, keyOf(alice, bob));
        assertThat(events).extracting(event -> event.path("type").asText()).containsOnly("relationship.changed");
        assertThat(events).extracting(event -> event.path("data")).containsExactly(state(alice, bob, false),
                state(alice, bob, true), state(alice, bob, false, alice));
        assertThat(events).extracting(event -> event.path("position").asLong())
                .containsExactlyElementsOf(Published.of(db, keyOf(alice, bob)).stream()
                        .map(Published.Event::position).toList());
        assertThat(page.path("cursor").asText()).isEqualTo(page.path("events").get(page.path("events").size() - 1)
                .path("cursor").asText());
        assertThat(page.path("behind").asLong()).isZero();
        // Read from its own cursor, the feed has nothing more.
        assertThat(Internal.page(internal, page.path("cursor").asText()).path("events")).isEmpty();
    }

    @Test
    void aWaitingReaderIsAnsweredAsSoonAsAChangeCommits() throws Exception {
        String head = Internal.head(internal);
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> Internal.asService(internal)
                .queryParam("after", head).queryParam("wait", 30).get(FEED));
        Thread.sleep(500);
        assertThat(answer).as("the reader waits while nothing changes").isNotDone();

        long sent = System.nanoTime();
        sendRequest(alice, bob.id()).then().statusCode(201);
        Response response = answer.get(30, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(5));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = Published.read(response.asString());
        assertThat(page.path("events").get(0).path("key").asText()).isEqualTo(keyOf(alice, bob));
        assertThat(page.path("events").get(0).path("data")).isEqualTo(state(alice, bob, false));
    }

    private static List<JsonNode> eventsOf(JsonNode page, String key) {
        List<JsonNode> found = new ArrayList<>();
        page.path("events").forEach(event -> {
            if (key.equals(event.path("key").asText())) {
                found.add(event);
            }
        });
        return found;
    }
}
