package dev.parley.account.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.account.Account;
import dev.parley.account.OutboxMail;
import dev.parley.account.config.AccountConfig;
import dev.parley.account.repository.OutboxMailRepository;
import dev.parley.common.limits.RateLimiter;

/**
 * Writes the mails account-service sends into the outbox, inside the caller's transaction: a mail exists exactly
 * when the change that caused it was committed. {@link MailDelivery} sends them. A mail to a recipient is queued only
 * after {@link #reserve} granted it, so the routes that send mail cannot be used to flood anyone's inbox.
 */
@ApplicationScoped
public class MailOutbox {

    static final String VERIFY_SUBJECT = "Verify your Parley account";
    static final String RESET_SUBJECT = "Reset your Parley password";
    private static final String PER_MINUTE = "mail-per-minute";
    private static final String PER_DAY = "mail-per-day";
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final OutboxMailRepository mails;
    private final VerificationTokens verificationTokens;
    private final RateLimiter limiter;
    private final AccountConfig config;

    public MailOutbox(OutboxMailRepository mails, VerificationTokens verificationTokens, RateLimiter limiter,
            AccountConfig config) {
        this.mails = mails;
        this.verificationTokens = verificationTokens;
        this.limiter = limiter;
        this.config = config;
    }

    /**
     * Whether one more mail may go to the recipient: at most {@code parley.mail.per-recipient-minute} and
     * {@code parley.mail.per-recipient-day}, counted across replicas, so parallel requests are granted one at most.
     * Called outside any transaction; a grant not used must be given back with {@link #release}.
     */
    public Uni<Boolean> reserve(String recipient) {
        return limiter.attempt(PER_MINUTE, recipient, config.mail().perRecipientMinute()).chain(minute -> {
            if (!minute.allowed()) {
                return Uni.createFrom().item(false);
            }
            return limiter.attempt(PER_DAY, recipient, config.mail().perRecipientDay())
                    .chain(day -> day.allowed()
                            ? Uni.createFrom().item(true)
                            : limiter.refund(PER_MINUTE, recipient).replaceWith(false));
        });
    }

    /** Gives back a grant whose mail was not queued after all. */
    public Uni<Void> release(String recipient) {
        return limiter.refund(PER_MINUTE, recipient).chain(() -> limiter.refund(PER_DAY, recipient));
    }

    /** A verification link that expires with the unverified account, whenever it is sent. */
    public Uni<Void> verification(Account account, Instant now) {
        Instant expiry = account.createdAt.plus(config.verification().ttl());
        String link = config.publicUrl() + "/v1/accounts/verify/" + verificationTokens.issue(account.email, expiry);
        String body = "Hello " + account.username + ",\n\n"
                + "Confirm your email address to start using Parley:\n\n" + link + "\n\n"
                + "The link is valid until " + UNTIL.format(expiry) + "; after that, register again.\n";
        return enqueue(account.email, VERIFY_SUBJECT, body, now);
    }

    public Uni<Void> passwordReset(Account account, String token, Instant now) {
        String body = "Hello " + account.username + ",\n\n"
                + "Someone asked to reset the password of your Parley account. If it was you, use this token "
                + "within " + config.passwordReset().ttl().toMinutes() + " minutes:\n\n" + token + "\n\n"
                + "(POST " + config.publicUrl() + "/v1/accounts/password/reset with {\"token\", \"password\"}.)\n"
                + "If it was not you, ignore this mail; your password stays as it is.\n";
        return enqueue(account.email, RESET_SUBJECT, body, now);
    }

    private Uni<Void> enqueue(String recipient, String subject, String body, Instant now) {
        OutboxMail mail = new OutboxMail();
        mail.recipient = recipient;
        mail.subject = subject;
        mail.body = body;
        mail.createdAt = now;
        mail.nextAttemptAt = now;
        return mails.persist(mail).replaceWithVoid();
    }
}
