package dev.parley.account;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.parley.account.support.Users;
import dev.parley.testing.Database;

@QuarkusTest
class RegistrationTest {

    private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    @Inject
    DataSource db;

    @Test
    void registrationAnswersTheAccountAndStoresOnlyAPasswordHash() {
        String email = Users.uniqueEmail("reg");
        String username = Users.uniqueUsername("Reg");
        long id = given().contentType(ContentType.JSON)
                .body(Map.of("email", " " + email.toUpperCase() + " ", "password", Users.PASSWORD, "username",
                        username))
                .post("/v1/accounts/register")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("created_at", matchesPattern(ISO_UTC))
                .body("updated_at", matchesPattern(ISO_UTC))
                .body("verified", equalTo(false))
                .body("email", equalTo(email))
                .body("user.username", equalTo(username))
                .body("user.location", nullValue())
                .body("user.avatar_url", nullValue())
                .body("password", nullValue())
                .extract().jsonPath().getLong("id");

        assertThat(Database.single(db, "select verified from account.accounts where id = ? and email = ?", id, email))
                .isEqualTo(false);
        assertThat(Database.count(db, "select count(*) from account.outbox_mails where recipient = ?", email))
                .isEqualTo(1);
        String hash = (String) Database.single(db, "select password_hash from account.accounts where id = ?", id);
        assertThat(hash).startsWith("$2b$10$").doesNotContain(Users.PASSWORD);
    }

    @Test
    void userIdIsTheAccountId() {
        String email = Users.uniqueEmail("ids");
        var account = Users.register(email, Users.uniqueUsername("ids"));
        assertThat(account.getLong("user.id")).isEqualTo(account.getLong("id"));
    }

    @Test
    void missingKeysAreNamedInOrderEmailPasswordUsername() {
        register(Map.of()).then().spec(error(400, "expected 'email' key"));
        register(Map.of("username", "someone", "password", Users.PASSWORD))
                .then().spec(error(400, "expected 'email' key"));
        register(Map.of("email", "a@example.com", "username", "someone"))
                .then().spec(error(400, "expected 'password' key"));
        register(Map.of("email", "a@example.com", "password", Users.PASSWORD))
                .then().spec(error(400, "expected 'username' key"));
        Map<String, Object> nullEmail = new HashMap<>();
        nullEmail.put("email", null);
        register(nullEmail).then().spec(error(400, "expected 'email' key"));
    }

    @Test
    void malformedEmailIsRefused() {
        for (String email : List.of("not-an-email", "a@b", "two@@example.com", "sp ace@example.com")) {
            register(Map.of("email", email, "password", Users.PASSWORD, "username", Users.uniqueUsername("m")))
                    .then().spec(error(400, "Invalid email address"));
        }
    }

    @Test
    void passwordShorterThanEightCharactersIsRefused() {
        register(Map.of("email", Users.uniqueEmail("pw"), "password", "1234567", "username",
                Users.uniqueUsername("pw"))).then().spec(error(400, "Password must be at least 8 characters"));
    }

    @Test
    void usernameOutsideTheAllowedShapeIsRefused() {
        String message = "Username must be 3 to 32 characters of letters, digits, '_', '.' or '-'";
        for (String username : List.of("ab", "x".repeat(33), "has space", "emoji\u263A", "semi;colon")) {
            register(Map.of("email", Users.uniqueEmail("un"), "password", Users.PASSWORD, "username", username))
                    .then().spec(error(400, message));
        }
    }

    @Test
    void emailIsUniqueRegardlessOfCase() {
        String email = Users.uniqueEmail("dup");
        Users.register(email, Users.uniqueUsername("dup1"));
        register(Map.of("email", email.toUpperCase(), "password", Users.PASSWORD, "username",
                Users.uniqueUsername("dup2")))
                .then().spec(error(400, "Account with the '" + email + "' email already exists"));
        assertThat(Database.count(db, "select count(*) from account.accounts where email = ?", email)).isEqualTo(1);
    }

    @Test
    void usernameIsUniqueRegardlessOfCase() {
        String username = Users.uniqueUsername("Taken");
        Users.register(Users.uniqueEmail("taken1"), username);
        register(Map.of("email", Users.uniqueEmail("taken2"), "password", Users.PASSWORD, "username",
                username.toUpperCase()))
                .then().spec(error(400, "Username '" + username.toUpperCase() + "' is already taken"));
    }

    @Test
    void concurrentRegistrationsOfOneEmailCreateExactlyOneAccount() throws Exception {
        String email = Users.uniqueEmail("race");
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String username = Users.uniqueUsername("race" + i);
                calls.add(CompletableFuture.supplyAsync(() -> register(
                        Map.of("email", email, "password", Users.PASSWORD, "username", username)).statusCode(), pool));
            }
            List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
            assertThat(statuses).containsOnly(201, 400);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdown();
        }
        assertThat(Database.count(db, "select count(*) from account.accounts where email = ?", email)).isEqualTo(1);
        assertThat(Database.count(db, "select count(*) from account.outbox_mails where recipient = ?", email))
                .isEqualTo(1);
    }

    private static io.restassured.response.Response register(Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/accounts/register");
    }
}
