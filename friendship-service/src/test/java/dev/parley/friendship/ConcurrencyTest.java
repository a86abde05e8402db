package dev.parley.friendship;

import static dev.parley.friendship.support.Api.sendRequest;
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

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.friendship.support.Api;
import dev.parley.friendship.support.Users;
import dev.parley.friendship.support.Users.TestUser;
import dev.parley.testing.Database;

@QuarkusTest
class ConcurrencyTest {

    private static final int PAIRS = 20;
    private static final int ROUNDS = 3;

    @Inject
    DataSource db;

    @Test
    void twoUsersRequestingEachOtherAtOnceEndAsExactlyOneFriendship() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            List<TestUser[]> pairs = new ArrayList<>();
            for (int i = 0; i < PAIRS; i++) {
                pairs.add(new TestUser[]{Users.create(), Users.create()});
            }

            List<Integer> statuses = sendAllAtOnce(pairs);

            // Per pair one request created the row (201) and the other accepted it (200); nobody saw an error.
            assertThat(statuses).hasSize(2 * PAIRS).allMatch(status -> status == 200 || status == 201);
            assertThat(statuses.stream().filter(status -> status == 201)).hasSize(PAIRS);
            for (TestUser[] pair : pairs) {
                long low = Math.min(pair[0].id(), pair[1].id());
                long high = Math.max(pair[0].id(), pair[1].id());
                assertThat(Database.count(db, "select count(*) from friendship.friendships where user_low = ? "
                        + "and user_high = ?", low, high)).isEqualTo(1);
                assertThat(Database.count(db, "select count(*) from friendship.friendships where user_low = ? "
                        + "and user_high = ? and accepted_at is not null", low, high)).isEqualTo(1);
                assertThat(Api.statusBetween(pair[0], pair[1])).isEqualTo("friends");
            }
        }
    }

    /** Both users of every pair send their request at the same moment; the answers' status codes. */
    private static List<Integer> sendAllAtOnce(List<TestUser[]> pairs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2 * pairs.size());
        try {
            CountDownLatch ready = new CountDownLatch(2 * pairs.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (TestUser[] pair : pairs) {
                for (int side = 0; side < 2; side++) {
                    TestUser from = pair[side];
                    TestUser to = pair[1 - side];
                    answers.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        return sendRequest(from, to.id()).statusCode();
                    }));
                }
            }
            ready.await(10, TimeUnit.SECONDS);
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
