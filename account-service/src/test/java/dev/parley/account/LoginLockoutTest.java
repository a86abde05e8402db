package dev.parley.account;

import static dev.parley.account.LoginTest.loginFrom;
import static dev.parley.account.support.Mail.mail;
import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.parley.account.support.Addresses;
import dev.parley.account.support.Limits;
import dev.parley.account.support.Parallel;
import dev.parley.account.support.Users;
import dev.parley.account.support.Users.TestUser;

@QuarkusTest
class LoginLockoutTest {

    private static final String INVALID = "Invalid email or password";
    private static final String LOCKED = "Too many failed logins; try again later";
    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Inject
    DataSource db;

    @Inject
    MeterRegistry registry;

    @Test
    void fiveFailuresFromOneAddressLockItOutEvenForTheRightPassword() {
        TestUser user = Users.verifiedUser("lockout");
        String address = Addresses.unique();
        for (int i = 0; i < 5; i++) {
            loginFrom(address, user.email(), "wrong password " + i).then().spec(error(401, INVALID));
        }

        Response locked = loginFrom(address, user.email(), Users.PASSWORD);

        locked.then().spec(error(429, LOCKED));
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(800L, 900L);
        assertThat(Limits.hits(db, "login-failures", user.email() + "|" + address)).isEqualTo(5);
    }

    @Test
    void twentyParallelWrongPasswordsAreEvaluatedFiveTimes() {
        TestUser user = Users.verifiedUser("parallel");
        String address = Addresses.unique();
        double evaluatedBefore = wrongPasswordsCounted();

        List<Response> answers = Parallel.run(20, i -> loginFrom(address, user.email(), "guess " + i));

        assertThat(answers).filteredOn(r -> r.statusCode() == 401).hasSize(5)
                .allSatisfy(r -> r.then().spec(error(401, INVALID)));
        assertThat(answers).filteredOn(r -> r.statusCode() == 429).hasSize(15)
                .allSatisfy(r -> assertThat(Long.parseLong(r.then().spec(error(429, LOCKED)).extract()
                        .header("Retry-After"))).isBetween(890L, 900L));
        assertThat(wrongPasswordsCounted() - evaluatedBefore).isEqualTo(5);
        assertThat(Limits.hits(db, "login-failures", user.email() + "|" + address)).isEqualTo(5);
        assertThat(Limits.hits(db, "login-failures-per-email", user.email())).isEqualTo(5);
    }

    @Test
    void theOwnerLogsInFromAnotherAddressWhileOneIsLockedOut() {
        TestUser user = Users.verifiedUser("elsewhere");
        String attacker = Addresses.unique();
        for (int i = 0; i < 5; i++) {
            loginFrom(attacker, user.email(), "wrong password").then().statusCode(401);
        }
        loginFrom(attacker, user.email(), Users.PASSWORD).then().spec(error(429, LOCKED));

        loginFrom(Addresses.unique(), user.email(), Users.PASSWORD).then().statusCode(200);
        loginFrom(attacker, user.email(), Users.PASSWORD).then().spec(error(429, LOCKED));
    }

    @Test
    void fiftyFailuresSpreadOverManyAddressesLockTheEmailEverywhereUntilThePasswordIsReset() {
        TestUser user = Users.verifiedUser("spread");
        List<String> addresses = Stream.generate(Addresses::unique).limit(10).toList();
        List<Response> failures = Parallel.run(50,
                i -> loginFrom(addresses.get(i % 10), user.email(), "wrong password " + i));
        assertThat(failures).allSatisfy(r -> r.then().spec(error(401, INVALID)));

        loginFrom(Addresses.unique(), user.email(), Users.PASSWORD).then().spec(error(429, LOCKED));

        resetPassword(user);
        loginFrom(Addresses.unique(), user.email(), NEW_PASSWORD).then().statusCode(200);
        loginFrom(addresses.get(0), user.email(), NEW_PASSWORD).then().statusCode(200);
    }

    @Test
    void aCompletedPasswordResetLetsTheLockedAddressLogInAgain() {
        TestUser user = Users.verifiedUser("relock");
        String address = Addresses.unique();
        for (int i = 0; i < 5; i++) {
            loginFrom(address, user.email(), "wrong password").then().statusCode(401);
        }
        loginFrom(address, user.email(), Users.PASSWORD).then().spec(error(429, LOCKED));

        resetPassword(user);

        loginFrom(address, user.email(), NEW_PASSWORD).then().statusCode(200);
        assertThat(Limits.hits(db, "login-failures", user.email() + "|" + address)).isZero();
        assertThat(Limits.hits(db, "login-failures-per-email", user.email())).isZero();
    }

    @Test
    void lockoutEndsWhenFailuresLeaveTheWindowAndSuccessForgetsThem() {
        TestUser user = Users.verifiedUser("unlock");
        String address = Addresses.unique();
        for (int i = 0; i < 5; i++) {
            loginFrom(address, user.email(), "wrong password").then().statusCode(401);
        }
        loginFrom(address, user.email(), Users.PASSWORD).then().statusCode(429);
        Limits.age(db, "login-failures", user.email() + "|" + address, "16 minutes");
        Limits.age(db, "login-failures-per-email", user.email(), "16 minutes");

        loginFrom(address, user.email(), Users.PASSWORD).then().statusCode(200);

        assertThat(Limits.hits(db, "login-failures", user.email() + "|" + address)).isZero();
    }

    private static void resetPassword(TestUser user) {
        PasswordResetTest.forgot(user.email()).then().statusCode(202);
        PasswordResetTest.reset(mail().resetToken(user.email(), 2), NEW_PASSWORD).then().statusCode(204);
    }

    private double wrongPasswordsCounted() {
        return registry.counter("parley.logins", "outcome", "invalid_credentials").count();
    }
}
