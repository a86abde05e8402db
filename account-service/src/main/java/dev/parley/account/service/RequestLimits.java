package dev.parley.account.service;

import java.util.Locale;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.account.config.AccountConfig;
import dev.parley.common.limits.Rate;
import dev.parley.common.limits.RateLimiter;

/**
 * Requests per client address on the routes anyone may call without a token ({@code parley.limits.*}), counted
 * across replicas. A request is counted once its shape has been checked, before it touches anything else.
 */
@ApplicationScoped
public class RequestLimits {

    static final String TOO_MANY = "Too many requests; try again later";

    /** The routes limited, each by its own setting. */
    public enum Route {

        REGISTRATIONS(AccountConfig.Limits::registrationsPerAddress), LOGINS(
                AccountConfig.Limits::loginsPerAddress), VERIFICATIONS(
                        AccountConfig.Limits::verificationsPerAddress), RESENDS(
                                AccountConfig.Limits::resendsPerAddress), FORGOTS(
                                        AccountConfig.Limits::forgotsPerAddress), RESETS(
                                                AccountConfig.Limits::resetsPerAddress);

        private final Function<AccountConfig.Limits, Rate> rate;

        Route(Function<AccountConfig.Limits, Rate> rate) {
            this.rate = rate;
        }

        String limit() {
            return name().toLowerCase(Locale.ROOT) + "-per-address";
        }
    }

    private final RateLimiter limiter;
    private final AccountConfig config;

    public RequestLimits(RateLimiter limiter, AccountConfig config) {
        this.limiter = limiter;
        this.config = config;
    }

    /** Counts the request, or fails with 429 and {@code Retry-After} once the address has made too many. */
    public Uni<Void> enforce(Route route, String address) {
        return limiter.enforce(route.limit(), address, route.rate.apply(config.limits()), TOO_MANY);
    }
}
