package dev.parley.account;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import io.smallrye.jwt.util.KeyUtils;

import dev.parley.account.config.SigningKeys;
import dev.parley.account.support.Users;
import dev.parley.account.support.Users.TestUser;

/**
 * Signing moved to a new key while the two keys before it are still published: one named in the configuration, one
 * in a directory. The keys in src/test/resources/keys were made for this test and sign nothing else.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.Rotated.class)
class KeyRotationTest {

    private static final Path KEYS = Path.of("src/test/resources/keys");

    /** The current key signs; previous-a and previous-b are published. */
    public static class Rotated implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "parley.jwt.private-key-location", KEYS.resolve("current-private.pem").toString(),
                    "parley.jwt.other-public-keys", read("previous-a-public.pem"),
                    "parley.jwt.other-public-keys-location", KEYS.resolve("published").toString());
        }
    }

    @Inject
    SigningKeys keys;

    @Test
    void jwksPublishesTheCurrentKeyFirstAndEveryPreviousOneByItsThumbprint() throws Exception {
        String current = kid(publicHalf("current-private.pem"));
        assertThat(keys.keyId()).isEqualTo(current);

        List<String> kids = given().get("/.well-known/jwks.json").then().statusCode(200)
                .extract().jsonPath().getList("keys.kid");

        assertThat(kids).containsExactly(current, kid(publicKey("previous-a-public.pem")),
                kid(publicKey("published/previous-b-public.pem")));
    }

    @Test
    void newTokensAreSignedWithTheCurrentKey() throws Exception {
        TestUser user = Users.verifiedUser("rotated");
        assertThat(LoginTest.decode(user.accessToken(), 0).getString("kid"))
                .isEqualTo(kid(publicHalf("current-private.pem")));
        me(user.accessToken()).then().statusCode(200);
    }

    @Test
    void tokensSignedWithAPreviousKeyAreStillAccepted() throws Exception {
        TestUser user = Users.verifiedUser("previous");
        for (String previous : List.of("previous-a", "previous-b")) {
            String kid = kid(publicHalf(previous + "-private.pem"));
            String token = tokenFor(user).keyId(kid).sign(privateKey(previous + "-private.pem"));
            me(token).then().statusCode(200).body("id", equalTo((int) user.id()));
        }
    }

    @Test
    void aTokenNamingAPreviousKeyButSignedWithAnotherIsRefused() throws Exception {
        TestUser user = Users.verifiedUser("mismatch");
        String token = tokenFor(user).keyId(kid(publicKey("previous-a-public.pem")))
                .sign(privateKey("current-private.pem"));
        me(token).then().spec(error(401, "Invalid or expired access token"));
    }

    private static JwtSignatureBuilder tokenFor(TestUser user) {
        return Jwt.issuer("parley").subject(Long.toString(user.id())).upn(user.email()).groups(Set.of("user"))
                .expiresIn(600).jws();
    }

    private static Response me(String token) {
        return given().auth().oauth2(token).get("/v1/accounts/me");
    }

    private static String kid(RSAPublicKey key) {
        return new RsaJsonWebKey(key).calculateBase64urlEncodedThumbprint("SHA-256");
    }

    private static PrivateKey privateKey(String file) throws GeneralSecurityException {
        return KeyUtils.decodePrivateKey(read(file));
    }

    private static RSAPublicKey publicKey(String file) throws GeneralSecurityException {
        return (RSAPublicKey) KeyUtils.decodePublicKey(read(file));
    }

    private static RSAPublicKey publicHalf(String privateFile) throws GeneralSecurityException {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) privateKey(privateFile);
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    }

    private static String read(String file) {
        try {
            return Files.readString(KEYS.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
