package dev.parley.friendship;

import static dev.parley.friendship.support.Api.sendRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

import dev.parley.friendship.support.Api;
import dev.parley.friendship.support.Users;
import dev.parley.friendship.support.Users.TestUser;

@QuarkusTest
class MetricsTest {

    private static final String[] OUTCOMES = {"created", "accepted", "declined", "cancelled", "rejected"};

    @Inject
    MeterRegistry registry;

    @Test
    void everyOutcomeOfARequestIsCounted() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        TestUser carol = Users.create();
        Map<String, Double> before = counts();

        long toBob = Api.pendingRequest(alice, bob);
        Api.accept(bob, toBob).then().statusCode(200);
        Api.decline(carol, Api.pendingRequest(alice, carol)).then().statusCode(204);
        Api.cancel(carol, Api.pendingRequest(carol, bob)).then().statusCode(204);
        Api.pendingRequest(bob, carol);
        sendRequest(carol, bob.id()).then().statusCode(200);
        sendRequest(alice, bob.id()).then().statusCode(409);
        sendRequest(alice, alice.id()).then().statusCode(400);

        Map<String, Double> after = counts();
        assertThat(after.get("created") - before.get("created")).isEqualTo(4);
        assertThat(after.get("accepted") - before.get("accepted")).isEqualTo(2);
        assertThat(after.get("declined") - before.get("declined")).isEqualTo(1);
        assertThat(after.get("cancelled") - before.get("cancelled")).isEqualTo(1);
        assertThat(after.get("rejected") - before.get("rejected")).isEqualTo(2);
    }

    private Map<String, Double> counts() {
        return Stream.of(OUTCOMES).collect(Collectors.toMap(Function.identity(),
                outcome -> registry.get("parley.friend.requests").tag("outcome", outcome).counter().count()));
    }
}
