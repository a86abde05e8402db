package dev.parley.chat.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

import dev.parley.chat.repository.PushJobRepository;
import dev.parley.chat.repository.PushJobRepository.Job;
import dev.parley.chat.repository.PushJobRepository.Queued;

/**
 * Turns committed messages and reads into pushes. A job is written by the transaction that stores messages or moves
 * a read mark, so nothing committed is missed; a planner takes jobs, queues their pushes and deletes them in one
 * transaction, so nothing is planned twice, whichever replica does it. Every replica's planner looks for jobs four
 * times a second, so the send path pays nothing beyond writing the job.
 */
@ApplicationScoped
public class PushPlanner {

    private static final Logger LOG = Logger.getLogger(PushPlanner.class);
    private static final int JOBS_PER_TRANSACTION = 50;
    private static final long POLL_MILLIS = 250;

    private final Pool pool;
    private final PushJobRepository jobs;
    private final PushComposer payloads;
    private final PushDelivery delivery;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public PushPlanner(Pool pool, PushJobRepository jobs, PushComposer payloads, PushDelivery delivery) {
        this.pool = pool;
        this.jobs = jobs;
        this.payloads = payloads;
        this.delivery = delivery;
    }

    void start(@Observes StartupEvent startup, Vertx vertx) {
        vertx.setPeriodic(POLL_MILLIS, id -> wake());
    }

    /** Plans what is waiting, now or right after the planning under way. */
    public void wake() {
        again.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        again.set(false);
        pool.withTransaction(this::planSome).subscribe().with(taken -> done(taken == JOBS_PER_TRANSACTION),
                failure -> {
                    LOG.warnf("Cannot plan pushes: %s", failure.getMessage());
                    done(false);
                });
    }

    private void done(boolean more) {
        running.set(false);
        delivery.wake();
        if (more || again.get()) {
            wake();
        }
    }

    private Uni<Integer> planSome(SqlConnection tx) {
        return jobs.take(tx, JOBS_PER_TRANSACTION).call(taken -> plan(tx, taken)).map(List::size);
    }

    private Uni<Void> plan(SqlConnection tx, List<Job> taken) {
        if (taken.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Long> messages = taken.stream().flatMap(job -> job.messageIds().stream()).toList();
        List<Long> readers = taken.stream().filter(job -> job.readerId() != null).map(Job::readerId).distinct()
                .toList();
        // The badge pushes' ids come from the job that asked for them: planned once, each is one push for good.
        long readJob = taken.get(taken.size() - 1).id();
        List<Queued> queued = new ArrayList<>();
        Uni<Void> forMessages = messages.isEmpty()
                ? Uni.createFrom().voidItem()
                : jobs.messagePushes(tx, messages).invoke(found -> found.forEach(push -> {
                    UUID id = id("message", push.messageId(), push.userId(), push.deviceId());
                    queued.add(new Queued(id, push.userId(), push.deviceId(), payloads.message(id, push),
                            push.badge()));
                })).replaceWithVoid();
        return forMessages.chain(() -> readers.isEmpty()
                ? Uni.createFrom().voidItem()
                : jobs.badgePushes(tx, readers).invoke(found -> found.forEach(push -> {
                    UUID id = id("badge", readJob, push.userId(), push.deviceId());
                    queued.add(new Queued(id, push.userId(), push.deviceId(), payloads.badge(id, push.badge()),
                            push.badge()));
                })).replaceWithVoid())
                .chain(() -> jobs.queue(tx, queued));
    }

    private static UUID id(String kind, long subject, long userId, String deviceId) {
        return UUID.nameUUIDFromBytes(
                (kind + ":" + subject + ":" + userId + ":" + deviceId).getBytes(StandardCharsets.UTF_8));
    }
}
