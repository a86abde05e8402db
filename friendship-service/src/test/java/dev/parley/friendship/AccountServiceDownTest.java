package dev.parley.friendship;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.parley.friendship.support.Api.block;
import static dev.parley.friendship.support.Api.sendRequest;
import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import dev.parley.friendship.client.AccountDirectory;
import dev.parley.friendship.support.AccountServiceStub;
import dev.parley.friendship.support.Api;
import dev.parley.friendship.support.Users;
import dev.parley.friendship.support.Users.TestUser;
import dev.parley.testing.Database;

@QuarkusTest
class AccountServiceDownTest {

    private static final String UNAVAILABLE = "Account service unavailable";

    @Inject
    DataSource db;

    @AfterEach
    void healAccountService() {
        AccountServiceStub.reset();
        CircuitBreakerMaintenance.get().reset(AccountDirectory.BREAKER);
    }

    @Test
    void anUnreachableAccountServiceAnswers503AndNothingIsWritten() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        breakLookupsOf(bob, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        sendRequest(alice, bob.id()).then().spec(error(503, UNAVAILABLE));
        block(alice, bob.id()).then().spec(error(503, UNAVAILABLE));

        assertThat(Database.count(db, "select count(*) from friendship.friendships where requester_id = ?",
                alice.id())).isZero();
        assertThat(Database.count(db, "select count(*) from friendship.blocks where blocker_id = ?", alice.id()))
                .isZero();
        assertThat(Database.count(db, "select count(*) from friendship.friendship_events where actor_id = ?",
                alice.id())).isZero();
    }

    @Test
    void aSilentAccountServiceTimesOutInsteadOfHanging() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        breakLookupsOf(bob, aResponse().withFixedDelay(15_000).withBody("{}"));

        Instant start = Instant.now();
        sendRequest(alice, bob.id()).then().spec(error(503, UNAVAILABLE));
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(8));
        assertThat(Database.count(db, "select count(*) from friendship.friendships where requester_id = ?",
                alice.id())).isZero();
    }

    @Test
    void aServerErrorIsRetriedAndAnUnknownUserIsNot() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        String path = "/v1/users/" + bob.id();
        AccountServiceStub.server().stubFor(get(urlEqualTo(path)).atPriority(1).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(500)));
        AccountServiceStub.server().stubFor(get(urlEqualTo(path)).atPriority(1).inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": " + bob.id() + ", \"username\": \"bob\"}")));

        sendRequest(alice, bob.id()).then().statusCode(201);
        AccountServiceStub.server().verify(2, getRequestedFor(urlEqualTo(path)));

        long stranger = Users.unknownId();
        sendRequest(alice, stranger).then().spec(error(404, "User " + stranger + " not found"));
        AccountServiceStub.server().verify(1, getRequestedFor(urlEqualTo("/v1/users/" + stranger)));
    }

    @Test
    void theCallersOwnTokenIsForwardedToAccountService() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        sendRequest(alice, bob.id()).then().statusCode(201);

        AccountServiceStub.server().verify(getRequestedFor(urlEqualTo("/v1/users/" + bob.id()))
                .withHeader("Authorization", equalTo("Bearer " + alice.token())));
    }

    // parley.account-service.breaker-volume
    private static final int BREAKER_VOLUME = 10;

    @Test
    void anOpenCircuitAnswersAtOnceWithoutCallingAccountService() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        breakLookupsOf(bob, aResponse().withStatus(502));
        // The breaker counts requests, not retried attempts: it opens once a full window of them has failed.
        for (int i = 0; i < BREAKER_VOLUME; i++) {
            sendRequest(alice, bob.id()).then().spec(error(503, UNAVAILABLE));
        }

        TestUser carol = Users.create();
        sendRequest(alice, carol.id()).then().spec(error(503, UNAVAILABLE));
        AccountServiceStub.server().verify(0, getRequestedFor(urlEqualTo("/v1/users/" + carol.id())));
        assertThat(breakerState()).isEqualTo("open");

        CircuitBreakerMaintenance.get().reset(AccountDirectory.BREAKER);
        sendRequest(alice, carol.id()).then().statusCode(201);
    }

    @Test
    void tokensAreStillVerifiedWhileAccountServiceIsDown() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        Api.relationship(alice, bob.id()).then().statusCode(200);
        AccountServiceStub.server().stubFor(get(urlEqualTo("/.well-known/jwks.json")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Api.relationship(alice, bob.id()).then().statusCode(200);
        Api.relationship(bob, alice.id()).then().statusCode(200);
    }

    /** The breaker's current state as Prometheus scrapes it: the state whose gauge reads 1. */
    private static String breakerState() {
        String metrics = RestAssured.given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .extract().asString();
        return metrics.lines().filter(line -> line.startsWith("ft_circuitbreaker_state_current{")
                && line.contains("method=\"" + AccountDirectory.BREAKER + "\"") && line.endsWith(" 1.0"))
                .map(line -> line.replaceAll(".*state=\"(\\w+)\".*", "$1")).findFirst().orElse("none");
    }

    private static void breakLookupsOf(TestUser user,
            com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        AccountServiceStub.server().stubFor(get(urlEqualTo("/v1/users/" + user.id())).atPriority(1)
                .willReturn(response));
    }
}
