package dev.parley.account.config;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import io.smallrye.jwt.KeyFormat;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * Makes account-service verify bearer tokens in memory with the keys it publishes: the current signing key and the
 * others it publishes during a rotation, chosen by the token's {@code kid}. The other services verify the same tokens through
 * {@code /.well-known/jwks.json}.
 */
public class TokenVerification {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo verification(SigningKeys keys, AccountConfig config) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setIssuedBy(config.jwt().issuer());
        info.setPublicKeyContent(keys.publicJwkSet());
        info.setKeyFormat(KeyFormat.JWK);
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        return info;
    }
}
