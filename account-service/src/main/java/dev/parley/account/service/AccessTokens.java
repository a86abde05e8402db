package dev.parley.account.service;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

import dev.parley.account.Account;
import dev.parley.account.config.AccountConfig;
import dev.parley.account.config.SigningKeys;

/**
 * Signs RS256 access tokens: {@code iss}, {@code sub} (user id), {@code upn} (email), {@code groups},
 * {@code iat}, {@code exp}, {@code jti} and {@code sid} (the session it belongs to).
 */
@ApplicationScoped
public class AccessTokens {

    private final SigningKeys keys;
    private final AccountConfig config;

    public AccessTokens(SigningKeys keys, AccountConfig config) {
        this.keys = keys;
        this.config = config;
    }

    public String issue(Account account, long sessionId, Instant now) {
        return Jwt.issuer(config.jwt().issuer())
                .subject(Long.toString(account.id))
                .upn(account.email)
                .groups(Set.of("user"))
                .issuedAt(now)
                .expiresAt(now.plus(config.jwt().accessTokenTtl()))
                .claim("jti", UUID.randomUUID().toString())
                .claim("sid", sessionId)
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(keys.keyId())
                .sign(keys.privateKey());
    }

    public long lifetimeSeconds() {
        return config.jwt().accessTokenTtl().toSeconds();
    }
}
