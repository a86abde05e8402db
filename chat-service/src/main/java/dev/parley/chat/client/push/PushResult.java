package dev.parley.chat.client.push;

import java.time.Duration;

/**
 * How a provider answered one push.
 *
 * @param reason the provider's reason, for metrics and logs ({@code ok}, {@code UNREGISTERED}, {@code 429}, ...)
 * @param retryAfter the provider's {@code Retry-After}, when it gave one and the push may be retried
 */
public record PushResult(Outcome outcome, String reason, Duration retryAfter) {

    /** What to do with the push. */
    public enum Outcome {
        /** Accepted by the provider. */
        SENT,
        /** The token or subscription is dead: the device is removed. */
        GONE,
        /** Try again later (429, 5xx, network failure). */
        RETRY,
        /** Refused for good (a malformed request): dropped. */
        FAILED
    }

    public static PushResult sent() {
        return new PushResult(Outcome.SENT, "ok", null);
    }

    public static PushResult gone(String reason) {
        return new PushResult(Outcome.GONE, reason, null);
    }

    public static PushResult retry(String reason, Duration retryAfter) {
        return new PushResult(Outcome.RETRY, reason, retryAfter);
    }

    public static PushResult failed(String reason) {
        return new PushResult(Outcome.FAILED, reason, null);
    }
}
