package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;

import dev.parley.e2e.support.Database;
import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.Product.Service;
import dev.parley.e2e.support.RunningProduct;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.TraceCollector.ReceivedSpan;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;

/**
 * One trace per request across the services: a request through the front door with the client's own
 * {@code traceparent} reaches the collector as one trace with spans from every service it crossed and from the
 * database. A friend request crosses friendship-service and account-service (does that user exist?); a message to a
 * friend stays in chat-service, which knows who its friends are from its own copy.
 */
@EndToEnd
class TracingIT {

    @Test
    void aFriendRequestIsOneTraceAcrossFriendshipAccountAndTheDatabase() {
        List<User> users = Users.verifiedUsers("tia", "tom");
        User tia = users.get(0);
        User tom = users.get(1);
        String traceId = randomHex(16);
        String clientSpanId = randomHex(8);

        tia.request().header("traceparent", "00-" + traceId + "-" + clientSpanId + "-01")
                .body(Map.of("user_id", tom.id())).post("/v1/friendships/requests").then().statusCode(201);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<ReceivedSpan> trace = RunningProduct.product().traces().trace(traceId);
            assertThat(trace).anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("friendship-service");
                assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
                assertThat(span.name()).isEqualTo("POST /v1/friendships/requests");
                assertThat(span.parentSpanId()).as("the client's span").isEqualTo(clientSpanId);
            });
            assertThat(trace).anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("friendship-service");
                assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
                assertThat(span.attribute("db.statement")).contains("friendship.friendships");
            });
            assertThat(trace).anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("account-service");
                assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
                assertThat(span.name()).isEqualTo("GET /v1/users/{id}");
            });
        });
    }

    @Test
    void aMessageToAFriendIsOneTraceInChatAndTheDatabaseWithoutAskingFriendshipService() throws Exception {
        List<User> users = Users.verifiedUsers("tia", "tom");
        User tia = users.get(0);
        User tom = users.get(1);
        Social.befriend(tia, tom);
        long conversation = Social.direct(tia, tom);
        await().atMost(Duration.ofSeconds(5)).until(() -> Database.number(Service.CHAT, "select count(*) from "
                + "chat.relationships where user_low = ? and user_high = ? and friends", Math.min(tia.id(), tom.id()),
                Math.max(tia.id(), tom.id())) == 1);
        String traceId = randomHex(16);
        String clientSpanId = randomHex(8);

        tia.request().header("traceparent", "00-" + traceId + "-" + clientSpanId + "-01")
                .body(Map.of("body", "traced", "client_message_id", "trace-1"))
                .post("/v1/conversations/" + conversation + "/messages").then().statusCode(201);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<ReceivedSpan> trace = RunningProduct.product().traces().trace(traceId);
            assertThat(trace).anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("chat-service");
                assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
                assertThat(span.name()).isEqualTo("POST /v1/conversations/{id}/messages");
                assertThat(span.parentSpanId()).as("the client's span").isEqualTo(clientSpanId);
            });
            assertThat(trace).anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("chat-service");
                assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
                assertThat(span.attribute("db.statement")).contains("INSERT INTO chat.messages");
            });
        });
        assertThat(RunningProduct.product().traces().trace(traceId)).extracting(ReceivedSpan::service)
                .containsOnly("chat-service");
    }

    private static String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
