package dev.parley.account.service;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;

/**
 * bcrypt (cost 10) on a worker thread, so hashing never stalls the event loop; results come back on the caller's
 * context, where its database session lives. Passwords longer than bcrypt's 72 bytes are pre-hashed with SHA-512
 * rather than silently cut.
 */
@ApplicationScoped
public class PasswordHasher {

    static final int COST = 10;
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;

    private final Vertx vertx;
    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    // Checked when no account matches, so a wrong email takes as long as a wrong password.
    private final byte[] decoy;

    public PasswordHasher(Vertx vertx) {
        this.vertx = vertx;
        this.decoy = hasher.hash(COST, "decoy-password".toCharArray());
    }

    public Uni<String> hash(String password) {
        return blocking(() -> new String(hasher.hash(COST, password.toCharArray()), StandardCharsets.US_ASCII));
    }

    /** Whether the password matches the stored hash; a null hash never matches but costs the same time. */
    public Uni<Boolean> matches(String password, String hash) {
        return blocking(() -> {
            byte[] stored = hash == null ? decoy : hash.getBytes(StandardCharsets.US_ASCII);
            boolean verified = verifyer.verify(password.toCharArray(), stored).verified;
            return hash != null && verified;
        });
    }

    private <T> Uni<T> blocking(java.util.function.Supplier<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(work), false);
    }
}
