package dev.parley.friendship;

import static dev.parley.friendship.support.Api.sendRequest;
import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.friendship.support.Api;
import dev.parley.friendship.support.Users;
import dev.parley.friendship.support.Users.TestUser;
import dev.parley.testing.Database;

@QuarkusTest
class AbuseLimitsTest {

    private static final String DECLINED_RECENTLY = "This user declined your request recently; try again later";

    @Inject
    DataSource db;

    @Test
    void aUserMayHaveAtMostTwentyPendingOutgoingRequests() {
        TestUser spammer = Users.create();
        for (int i = 0; i < 20; i++) {
            sendRequest(spammer, Users.create().id()).then().statusCode(201);
        }

        TestUser oneTooMany = Users.create();
        sendRequest(spammer, oneTooMany.id()).then().spec(error(429, "Too many pending friend requests"));
        assertThat(Database.count(db, "select count(*) from friendship.friendships where requester_id = ?",
                spammer.id())).isEqualTo(20);

        // Requests to the spammer can still be accepted, and a cancelled one frees a place.
        sendRequest(Users.create(), spammer.id()).then().statusCode(201);
        long first = ((Number) Database.single(db, "select min(id) from friendship.friendships "
                + "where requester_id = ?", spammer.id())).longValue();
        Api.cancel(spammer, first).then().statusCode(204);
        sendRequest(spammer, oneTooMany.id()).then().statusCode(201);
    }

    @Test
    void aUserSendsAtMostAHundredFriendRequestsADayEvenInParallel() throws Exception {
        TestUser sender = Users.create();
        for (int i = 0; i < 95; i++) {
            Api.cancel(sender, Api.pendingRequest(sender, Users.create())).then().statusCode(204);
        }

        List<TestUser> targets = IntStream.range(0, 20).mapToObj(i -> Users.create()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (TestUser target : targets) {
                answers.add(pool.submit(() -> sendRequest(sender, target.id()).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(5);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(15);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Database.count(db, "select count(*) from friendship.friendships where requester_id = ?",
                sender.id())).isEqualTo(5);

        String retryAfter = sendRequest(sender, Users.create().id()).then()
                .spec(error(429, "Too many friend requests; try again later")).extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(86_000L, 86_401L);
        // Others are not affected.
        sendRequest(Users.create(), sender.id()).then().statusCode(201);
    }

    @Test
    void aDeclinedRequestCannotBeResentForADay() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        Api.decline(bob, Api.pendingRequest(alice, bob)).then().statusCode(204);

        String retryAfter = sendRequest(alice, bob.id()).then().spec(error(429, DECLINED_RECENTLY))
                .extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(86_000L, 86_401L);
        assertThat(Database.count(db, "select count(*) from friendship.friendships where requester_id = ?",
                alice.id())).isZero();

        // The one who declined may still change their mind and ask.
        sendRequest(bob, alice.id()).then().statusCode(201);
    }

    @Test
    void aDeclinedRequestMayBeResentOnceTheDayHasPassed() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        Api.decline(bob, Api.pendingRequest(alice, bob)).then().statusCode(204);
        Database.execute(db, "update friendship.friendship_events set occurred_at = occurred_at - interval '24 hours' "
                + "where type = 'DECLINED' and actor_id = ?", bob.id());

        sendRequest(alice, bob.id()).then().statusCode(201);
    }
}
