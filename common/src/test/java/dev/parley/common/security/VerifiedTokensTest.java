package dev.parley.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final long NOW = 1_800_000_000_000L;

    private final VerifiedTokens tokens = new VerifiedTokens();
    private final PublicKey key = rsaKey();

    @Test
    void aVerifiedTokenIsFoundUntilItExpires() {
        JsonWebToken token = expiringAt(NOW / 1000 + 60);
        tokens.add("a.b.c", token, key, NOW);

        assertThat(tokens.find("a.b.c", key, NOW + 59_999)).isSameAs(token);
        assertThat(tokens.find("a.b.c", key, NOW + 60_000)).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTokenIsVerifiedAgainOnceItsKeyIsNoLongerTheOnePublished() {
        tokens.add("a.b.c", expiringAt(NOW / 1000 + 60), key, NOW);

        assertThat(tokens.find("a.b.c", rsaKey(), NOW)).isNull();
        assertThat(tokens.find("a.b.c", key, NOW)).as("forgotten, not kept for the old key").isNull();
    }

    @Test
    void anUnknownOrExpiredTokenIsNotHeld() {
        tokens.add("expired", expiringAt(NOW / 1000 - 1), key, NOW);

        assertThat(tokens.find("expired", key, NOW)).isNull();
        assertThat(tokens.find("never seen", key, NOW)).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void atMostTheCapacityIsHeldExpiredTokensGoingFirst() {
        for (int i = 0; i < VerifiedTokens.CAPACITY; i++) {
            tokens.add("token " + i, expiringAt(NOW / 1000 + (i % 2 == 0 ? 1 : 600)), key, NOW);
        }
        tokens.add("one more", expiringAt(NOW / 1000 + 600), key, NOW + 2000);

        assertThat(tokens.size()).isEqualTo(VerifiedTokens.CAPACITY / 2 + 1);
        assertThat(tokens.find("token 1", key, NOW + 2000)).isNotNull();
        assertThat(tokens.find("token 0", key, NOW + 2000)).isNull();
    }

    private static JsonWebToken expiringAt(long epochSeconds) {
        return new JsonWebToken() {

            @Override
            public String getName() {
                return "user";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return "exp".equals(claimName) ? (T) Long.valueOf(epochSeconds) : null;
            }
        };
    }

    private static PublicKey rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPublic();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
