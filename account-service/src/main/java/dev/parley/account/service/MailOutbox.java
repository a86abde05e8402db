package dev.parley.account.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.account.Account;
import dev.parley.account.OutboxMail;
import dev.parley.account.config.AccountConfig;
import dev.parley.account.repository.OutboxMailRepository;

/**
 * Writes the mails account-service sends into the outbox, inside the caller's transaction: a mail exists exactly
 * when the change that caused it was committed. {@link MailDelivery} sends them.
 */
@ApplicationScoped
public class MailOutbox {

    static final String VERIFY_SUBJECT = "Verify your Parley account";
    static final String RESET_SUBJECT = "Reset your Parley password";
    // A resend within this period is dropped, so the endpoint cannot be used to flood someone's inbox.
    private static final Duration RESEND_QUIET_PERIOD = Duration.ofSeconds(60);

    private final OutboxMailRepository mails;
    private final VerificationTokens verificationTokens;
    private final AccountConfig config;

    public MailOutbox(OutboxMailRepository mails, VerificationTokens verificationTokens, AccountConfig config) {
        this.mails = mails;
        this.verificationTokens = verificationTokens;
        this.config = config;
    }

    public Uni<Void> verification(Account account, Instant now) {
        String link = config.publicUrl() + "/v1/accounts/verify/" + verificationTokens.issue(account.email, now);
        String body = "Hello " + account.username + ",\n\n"
                + "Confirm your email address to start using Parley:\n\n" + link + "\n\n"
                + "The link is valid for " + config.verification().ttl().toHours() + " hours.\n";
        return enqueue(account.email, VERIFY_SUBJECT, body, now);
    }

    /** Another verification mail, unless one was queued for the address within the last minute. */
    public Uni<Void> verificationAgain(Account account, Instant now) {
        return mails.queuedSince(account.email, VERIFY_SUBJECT, now.minus(RESEND_QUIET_PERIOD))
                .flatMap(recent -> recent ? Uni.createFrom().voidItem() : verification(account, now));
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
