package dev.parley.account.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.parley.account.OutboxMail;
import dev.parley.account.config.AccountConfig;
import dev.parley.account.repository.OutboxMailRepository;
import dev.parley.common.time.Timestamps;

/**
 * Sends outbox mails over SMTP. Each poll leases a batch of due mails (so replicas never send the same mail at
 * once), sends them one by one, and records the outcome; a failed send is retried with exponential backoff until
 * {@code parley.mail.max-attempts}. Delivery is at least once: a crash between sending and recording repeats a mail.
 */
@ApplicationScoped
public class MailDelivery {

    private static final Logger LOG = Logger.getLogger(MailDelivery.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final OutboxMailRepository mails;
    private final ReactiveMailer mailer;
    private final AccountConfig config;

    public MailDelivery(OutboxMailRepository mails, ReactiveMailer mailer, AccountConfig config) {
        this.mails = mails;
        this.mailer = mailer;
        this.config = config;
    }

    @Scheduled(every = "${parley.mail.poll-interval:2s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deliverDue() {
        return lease(Timestamps.now())
                .onItem().transformToMulti(batch -> Multi.createFrom().iterable(batch))
                .onItem().transformToUniAndConcatenate(this::deliver)
                .collect().last()
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warn("Mail delivery poll failed", e))
                .onFailure().recoverWithNull();
    }

    /** Takes due mails and pushes their next attempt past the lease, all in one short transaction. */
    @WithTransaction
    Uni<List<LeasedMail>> lease(Instant now) {
        return mails.lockDue(now, config.mail().batchSize()).map(due -> due.stream().map(mail -> {
            mail.attempts++;
            mail.nextAttemptAt = now.plus(LEASE);
            return LeasedMail.of(mail);
        }).toList());
    }

    Uni<Void> deliver(LeasedMail mail) {
        return mailer.send(Mail.withText(mail.recipient(), mail.subject(), mail.body()))
                .ifNoItem().after(SEND_TIMEOUT).fail()
                .onItem().transformToUni(sent -> recordSent(mail.id()))
                .onFailure().recoverWithUni(e -> recordFailure(mail, e));
    }

    @WithTransaction
    Uni<Void> recordSent(long id) {
        return mails.markSent(id, Timestamps.now()).replaceWithVoid();
    }

    @WithTransaction
    Uni<Void> recordFailure(LeasedMail mail, Throwable error) {
        Instant now = Timestamps.now();
        String reason = String.valueOf(error.getMessage());
        if (mail.attempts() >= config.mail().maxAttempts()) {
            LOG.errorf("Giving up mail %d to %s after %d attempts: %s", mail.id(), mail.recipient(), mail.attempts(),
                    reason);
            return mails.giveUp(mail.id(), now, reason).replaceWithVoid();
        }
        LOG.warnf("Mail %d not sent (attempt %d): %s", mail.id(), mail.attempts(), reason);
        return mails.retryAt(mail.id(), now.plus(backoff(mail.attempts())), reason).replaceWithVoid();
    }

    private Duration backoff(int attempts) {
        Duration delay = config.mail().retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    /** What a send needs, detached from the session that leased it. */
    record LeasedMail(long id, String recipient, String subject, String body, int attempts) {

        static LeasedMail of(OutboxMail mail) {
            return new LeasedMail(mail.id, mail.recipient, mail.subject, mail.body, mail.attempts);
        }
    }
}
