package dev.parley.account;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import jakarta.inject.Inject;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import dev.parley.account.config.SigningKeys;
import dev.parley.account.support.Users;
import dev.parley.account.support.Users.TestUser;

@QuarkusTest
class AccessTokenTest {

    private static final String REFUSED = "Invalid or expired access token";

    @Inject
    SigningKeys keys;

    @Test
    void jwksPublishesTheKeyThatVerifiesIssuedTokens() throws Exception {
        TestUser user = Users.verifiedUser("jwks");
        String jwks = given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys", hasSize(1))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].kid", equalTo(keys.keyId()))
                .extract().asString();
        assertThat(jwks).doesNotContain("\"d\"");

        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(new JsonWebKeySet(jwks).getJsonWebKeys().get(0).getKey())
                .setExpectedIssuer("parley")
                .build().processToClaims(user.accessToken());
        assertThat(claims.getSubject()).isEqualTo(Long.toString(user.id()));
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() throws Exception {
        TestUser user = Users.verifiedUser("otherkey");
        KeyPair other = KeyUtils.generateKeyPair(2048);
        String forged = claimsFor(user).jws().keyId(keys.keyId()).sign(other.getPrivate());
        me(forged).then().spec(error(401, REFUSED)).header("WWW-Authenticate", "Bearer");
    }

    @Test
    void unsignedTokenIsRefused() {
        TestUser user = Users.verifiedUser("algnone");
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iss\":\"parley\",\"sub\":\"" + user.id() + "\",\"upn\":\"" + user.email()
                + "\",\"groups\":[\"user\"],\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}");
        me(header + "." + payload + ".").then().spec(error(401, REFUSED));
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() {
        TestUser user = Users.verifiedUser("issuer");
        String token = Jwt.issuer("someone-else").subject(Long.toString(user.id())).upn(user.email())
                .groups(Set.of("user")).expiresIn(600).jws().keyId(keys.keyId()).sign(keys.privateKey());
        me(token).then().spec(error(401, REFUSED));
    }

    @Test
    void expiredTokenIsRefused() {
        TestUser user = Users.verifiedUser("expiredjwt");
        Instant past = Instant.now().minusSeconds(3600);
        String token = claimsFor(user).issuedAt(past.minusSeconds(900)).expiresAt(past)
                .jws().keyId(keys.keyId()).sign(keys.privateKey());
        me(token).then().spec(error(401, REFUSED));
    }

    @Test
    void garbageAndMissingTokensAreRefused() {
        me("not.a.jwt").then().spec(error(401, REFUSED));
        given().get("/v1/accounts/me").then().spec(error(401, "Authentication required"))
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void validTokenFromThisServiceIsAccepted() {
        TestUser user = Users.verifiedUser("valid");
        String token = claimsFor(user).jws().keyId(keys.keyId()).sign(keys.privateKey());
        me(token).then().statusCode(200).body("id", equalTo((int) user.id()));
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder claimsFor(TestUser user) {
        return Jwt.issuer("parley").subject(Long.toString(user.id())).upn(user.email()).groups(Set.of("user"))
                .expiresIn(600);
    }

    private static io.restassured.response.Response me(String token) {
        return given().header("Authorization", "Bearer " + token).get("/v1/accounts/me");
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

}
