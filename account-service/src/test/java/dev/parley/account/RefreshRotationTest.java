package dev.parley.account;

import static dev.parley.account.SessionTest.refresh;
import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.parley.account.support.Parallel;
import dev.parley.account.support.Users;
import dev.parley.account.support.Users.TestUser;
import dev.parley.testing.Database;

@QuarkusTest
class RefreshRotationTest {

    private static final int PARALLEL = 16;

    @Inject
    DataSource db;

    @Test
    void parallelPresentationsOfOneTokenRotateItOnceAndRevokeTheSession() {
        TestUser user = Users.verifiedUser("race");

        List<Response> answers = Parallel.run(PARALLEL, i -> refresh(user.refreshToken()));

        List<Response> rotated = answers.stream().filter(r -> r.statusCode() == 200).toList();
        assertThat(rotated).hasSize(1);
        answers.stream().filter(r -> r.statusCode() != 200)
                .forEach(r -> r.then().spec(error(401, "Invalid refresh token")));
        // Every presentation after the first is reuse: the session is gone, and with it the one new token.
        refresh(rotated.get(0).path("refresh_token")).then().spec(error(401, "Invalid refresh token"));
        assertThat(Database.count(db, "select count(*) from account.sessions where account_id = ? "
                + "and revoked_at is not null", user.id())).isEqualTo(1);
        assertThat(Database.count(db, "select count(*) from account.refresh_tokens t join account.sessions s "
                + "on s.id = t.session_id where s.account_id = ?", user.id())).isEqualTo(2);
    }

    @Test
    void rotationNeverExtendsASessionPastNinetyDaysFromItsLogin() {
        TestUser user = Users.verifiedUser("absolute");
        Database.execute(db, "update account.sessions set created_at = now() - interval '90 days' + interval '1 hour' "
                + "where account_id = ?", user.id());

        String next = refresh(user.refreshToken()).then().statusCode(200).extract().path("refresh_token");

        assertThat(Database.count(db, "select count(*) from account.sessions where account_id = ? "
                + "and expires_at = created_at + interval '90 days'", user.id())).isEqualTo(1);
        Database.execute(db, "update account.sessions set created_at = created_at - interval '1 hour 1 second' "
                + "where account_id = ?", user.id());
        refresh(next).then().spec(error(401, "Invalid refresh token"));
    }
}
