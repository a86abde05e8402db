package dev.parley.chat.service;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.Opened;
import dev.parley.chat.config.ChatConfig;
import dev.parley.common.limits.RateLimiter;

/**
 * How many conversations one user may create ({@code parley.conversations.per-user}, across replicas). Only a
 * conversation actually created counts: opening an existing direct conversation, or failing, gives the attempt back.
 */
@ApplicationScoped
public class CreationAllowance {

    static final String LIMIT = "conversations-created";
    static final String TOO_MANY = "Too many conversations created; try again later";

    private final RateLimiter limiter;
    private final ChatConfig config;

    public CreationAllowance(RateLimiter limiter, ChatConfig config) {
        this.limiter = limiter;
        this.config = config;
    }

    /** Runs the creation within the caller's allowance, or fails with 429 and {@code Retry-After}. */
    public Uni<Opened> within(long caller, Supplier<Uni<Opened>> creation) {
        String subject = Long.toString(caller);
        return limiter.enforce(LIMIT, subject, config.conversations().perUser(), TOO_MANY)
                .chain(() -> creation.get()
                        .onFailure().call(() -> limiter.refund(LIMIT, subject))
                        .call(opened -> opened.created()
                                ? Uni.createFrom().voidItem()
                                : limiter.refund(LIMIT, subject)));
    }
}
