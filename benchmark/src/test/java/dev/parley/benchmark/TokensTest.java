package dev.parley.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The load generator signs its users' tokens on its own classpath, with nothing of the services' around it. */
class TokensTest {

    @Test
    void aUsersTokenIsASignedJwtForThatUserAndTheKeySetPublishesItsKey() {
        String[] parts = Tokens.forUser(42).split("\\.");

        assertThat(parts).hasSize(3);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"sub\":\"42\"").contains("\"iss\":\"parley\"");
        assertThat(Tokens.jwks()).contains("\"kty\":\"RSA\"").contains("\"kid\":");
    }
}
