package dev.parley.common.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;

import javax.crypto.SecretKey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies bearer tokens with the key their {@code kid} names among {@link PublishedKeys}, in memory, so verifying
 * never waits on the network, and remembers verified tokens until they expire ({@link VerifiedTokens}). Selected with {@code quarkus.arc.selected-alternatives} by the services that verify
 * account-service's tokens from its published key set.
 */
@Alternative
@ApplicationScoped
public class PublishedKeyParser implements JWTParser {

    private final DefaultJWTParser verifier;
    private final PublishedKeys keys;
    private final VerifiedTokens verified = new VerifiedTokens();

    public PublishedKeyParser(DefaultJWTParser verifier, PublishedKeys keys) {
        this.verifier = verifier;
        this.keys = keys;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return verified(token);
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verified(token);
    }

    // A token verified before with the key still published under its id is not verified again until it expires.
    private JsonWebToken verified(String token) throws ParseException {
        PublicKey key = keyFor(token);
        long now = System.currentTimeMillis();
        JsonWebToken known = verified.find(token, key, now);
        if (known != null) {
            return known;
        }
        JsonWebToken checked = verifier.verify(token, key);
        verified.add(token, checked, key, now);
        return checked;
    }

    private PublicKey keyFor(String token) throws ParseException {
        String keyId;
        try {
            keyId = JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
        } catch (JoseException | RuntimeException e) {
            throw new ParseException("Unreadable token");
        }
        Optional<PublicKey> key = keyId == null ? onlyKey() : keys.find(keyId);
        return key.orElseThrow(() -> new ParseException("Token signed by an unknown key"));
    }

    // A token without a kid is accepted only while exactly one key is published.
    private Optional<PublicKey> onlyKey() {
        var all = keys.all();
        return all.size() == 1 ? Optional.of(all.values().iterator().next()) : Optional.empty();
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
