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

import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.RunningProduct;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.TraceCollector.ReceivedSpan;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;

/**
 * One trace per request across the services: a message sent to a friend through the front door, with the client's
 * own {@code traceparent}, reaches the collector as one trace with spans from chat-service, from friendship-service
 * (asked whether the two are friends) and from the database.
 */
@EndToEnd
class TracingIT {

    @Test
    void sendingAMessageToAFriendIsOneTraceAcrossChatFriendshipAndTheDatabase() throws Exception {
        List<User> users = Users.verifiedUsers("tia", "tom");
        User tia = users.get(0);
        User tom = users.get(1);
        Social.befriend(tia, tom);
        long conversation = Social.direct(tia, tom);
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
            assertThat(trace).anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("friendship-service");
                assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
                assertThat(span.name()).isEqualTo("GET /v1/friendships/{user_id}");
            });
            assertThat(trace).anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("friendship-service");
                assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
                assertThat(span.attribute("db.statement")).contains("friendship.friendships");
            });
        });
    }

    private static String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
