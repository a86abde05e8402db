package dev.parley.friendship;

import static dev.parley.friendship.support.Api.block;
import static dev.parley.friendship.support.Api.sendRequest;
import static dev.parley.friendship.support.Api.unblock;
import static dev.parley.friendship.support.Published.keyOf;
import static dev.parley.friendship.support.Published.state;
import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.friendship.support.Api;
import dev.parley.friendship.support.Published;
import dev.parley.friendship.support.Published.Event;
import dev.parley.friendship.support.Users;
import dev.parley.friendship.support.Users.TestUser;
import dev.parley.testing.Database;

/** Every change of a pair publishes relationship.changed with the pair's new state, in the order of the changes. */
@QuarkusTest
class RelationshipEventsTest {

    private static final String CHANGED = "relationship.changed";

    @Inject
    DataSource db;

    @Test
    void aNewRequestPublishesThatThePairIsNotFriendsYet() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();

        sendRequest(alice, bob.id()).then().statusCode(201);

        assertThat(statesOf(alice, bob)).containsExactly(state(alice, bob, false));
        assertStateEvents(alice, bob);
    }

    @Test
    void acceptingARequestPublishesTheFriendship() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        long request = Api.pendingRequest(alice, bob);

        Api.accept(bob, request).then().statusCode(200);

        assertThat(statesOf(alice, bob)).containsExactly(state(alice, bob, false), state(alice, bob, true));
        assertStateEvents(alice, bob);
    }

    @Test
    void askingSomeoneWhoAskedFirstPublishesTheFriendship() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        Api.pendingRequest(bob, alice);

        sendRequest(alice, bob.id()).then().statusCode(200);

        assertThat(statesOf(alice, bob)).containsExactly(state(alice, bob, false), state(alice, bob, true));
        assertStateEvents(alice, bob);
    }

    @Test
    void decliningOrCancellingARequestPublishesThatThePairIsNotFriends() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        TestUser carol = Users.create();

        Api.decline(bob, Api.pendingRequest(alice, bob)).then().statusCode(204);
        Api.cancel(alice, Api.pendingRequest(alice, carol)).then().statusCode(204);

        assertThat(statesOf(alice, bob)).containsExactly(state(alice, bob, false), state(alice, bob, false));
        assertThat(statesOf(alice, carol)).containsExactly(state(alice, carol, false), state(alice, carol, false));
        assertStateEvents(alice, bob);
        assertStateEvents(alice, carol);
        assertThat(Database.count(db, "select count(*) from friendship.friendships where user_low = ? "
                + "and user_high = ?", Math.min(alice.id(), bob.id()), Math.max(alice.id(), bob.id()))).isZero();
    }

    @Test
    void endingAFriendshipPublishesThatThePairIsNoLongerFriends() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        Api.befriend(alice, bob);

        Api.unfriend(bob, alice.id()).then().statusCode(204);

        assertThat(statesOf(alice, bob)).containsExactly(state(alice, bob, false), state(alice, bob, true),
                state(alice, bob, false));
        assertStateEvents(alice, bob);
    }

    @Test
    void blockingAndUnblockingPublishWhoBlocksWhom() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        Api.befriend(alice, bob);

        block(alice, bob.id()).then().statusCode(201);
        block(bob, alice.id()).then().statusCode(201);
        unblock(alice, bob.id()).then().statusCode(204);
        unblock(bob, alice.id()).then().statusCode(204);

        assertThat(statesOf(alice, bob)).containsExactly(state(alice, bob, false), state(alice, bob, true),
                state(alice, bob, false, alice), state(alice, bob, false, alice, bob),
                state(alice, bob, false, bob), state(alice, bob, false));
        assertStateEvents(alice, bob);
    }

    @Test
    void aRefusedChangePublishesNothing() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        TestUser carol = Users.create();
        long request = Api.pendingRequest(alice, bob);
        block(carol, alice.id()).then().statusCode(201);
        long before = Published.lastPosition(db);

        sendRequest(alice, bob.id()).then().spec(error(409, "A friend request is already pending"));
        Api.accept(alice, request).then().spec(error(404, "Friend request " + request + " not found"));
        Api.cancel(bob, request).then().spec(error(404, "Friend request " + request + " not found"));
        Api.unfriend(alice, bob.id()).then().spec(error(404, "You are not friends with user " + bob.id()));
        block(carol, alice.id()).then().spec(error(409, "User " + alice.id() + " is already blocked"));
        unblock(alice, carol.id()).then().spec(error(404, "User " + carol.id() + " is not blocked"));
        sendRequest(alice, carol.id()).then().spec(error(404, "User " + carol.id() + " not found"));

        assertThat(Published.after(db, before)).isEmpty();
    }

    @Test
    void underConcurrentChangesThePairsNewestEventIsItsStateInTheTables() throws Exception {
        List<TestUser[]> pairs = new ArrayList<>();
        List<Long> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            TestUser[] pair = {Users.create(), Users.create()};
            pairs.add(pair);
            requests.add(Api.pendingRequest(pair[0], pair[1]));
        }

        // For every pair at once: the addressee accepts while the requester blocks and the addressee blocks back.
        ExecutorService pool = Executors.newFixedThreadPool(30);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                TestUser[] pair = pairs.get(i);
                long request = requests.get(i);
                answers.add(pool.submit(() -> {
                    go.await();
                    return Api.accept(pair[1], request).statusCode();
                }));
                answers.add(pool.submit(() -> {
                    go.await();
                    return block(pair[0], pair[1].id()).statusCode();
                }));
                answers.add(pool.submit(() -> {
                    go.await();
                    return block(pair[1], pair[0].id()).statusCode();
                }));
            }
            go.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isIn(200, 201, 404);
            }
        } finally {
            pool.shutdownNow();
        }

        for (TestUser[] pair : pairs) {
            List<JsonNode> states = statesOf(pair[0], pair[1]);
            assertThat(states.getLast()).isEqualTo(state(pair[0], pair[1], false, pair[0], pair[1]));
            assertThat(states.getLast()).isEqualTo(stateInTheTables(pair[0], pair[1]));
            assertStateEvents(pair[0], pair[1]);
        }
    }

    /** The data of the pair's events, by position: the order in which the pair changed. */
    private List<JsonNode> statesOf(TestUser a, TestUser b) {
        return Published.of(db, keyOf(a, b)).stream().map(Event::data).toList();
    }

    /** Every event of the pair is a state event (the newest of the key is kept) of type relationship.changed. */
    private void assertStateEvents(TestUser a, TestUser b) {
        assertThat(Published.of(db, keyOf(a, b))).isNotEmpty().allSatisfy(event -> {
            assertThat(event.type()).isEqualTo(CHANGED);
            assertThat(event.compacted()).isTrue();
        });
    }

    private JsonNode stateInTheTables(TestUser a, TestUser b) {
        long low = Math.min(a.id(), b.id());
        long high = Math.max(a.id(), b.id());
        boolean friends = Database.count(db, "select count(*) from friendship.friendships where user_low = ? "
                + "and user_high = ? and accepted_at is not null", low, high) > 0;
        long[] blockers = Database.column(db, "select blocker_id from friendship.blocks where (blocker_id = ? "
                + "and blocked_id = ?) or (blocker_id = ? and blocked_id = ?) order by blocker_id", low, high, high,
                low).stream().mapToLong(id -> ((Number) id).longValue()).toArray();
        return state(low, high, friends, blockers);
    }
}
