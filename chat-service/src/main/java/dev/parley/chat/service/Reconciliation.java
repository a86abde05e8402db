package dev.parley.chat.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.parley.chat.config.ChatConfig;
import dev.parley.chat.repository.StreamLogRepository;
import dev.parley.chat.repository.StreamLogRepository.Logged;
import dev.parley.chat.repository.TransactionIds;

/**
 * Every {@code parley.stream.reconcile-interval}, reads the stream log from a transaction-id cursor and delivers
 * what this replica has not: events whose replica died between commit and notification, or whose notification was
 * lost. The cursor is the oldest transaction running when the previous pass began ({@code pg_snapshot_xmin}), so an
 * event committed late by a slow transaction is still read; events of transactions that stayed open longer than
 * {@code parley.stream.reconcile-horizon} are not looked for. Also forgets log rows older than
 * {@code parley.stream.log-retention}.
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);
    private static final int PAGE = 1000;
    private static final long IDLE_CONVERSATION_MILLIS = 600_000;

    private final StreamLogRepository log;
    private final TransactionIds transactions;
    private final LoggedEvents logged;
    private final Delivery delivery;
    private final TypingGate typing;
    private final ChatConfig.Stream config;
    private final Counter reconciled;
    private final AtomicBoolean running = new AtomicBoolean();
    // (time, highest id seen by then): where the horizon and the retention begin.
    private final Deque<long[]> marks = new ArrayDeque<>();
    private long cursorXid = -1;
    private long floorId;
    private long highestId;
    private long prunedAt = System.currentTimeMillis();
    private long timer;

    public Reconciliation(StreamLogRepository log, TransactionIds transactions, LoggedEvents logged, Delivery delivery,
            TypingGate typing,
            ChatConfig config, MeterRegistry registry) {
        this.log = log;
        this.transactions = transactions;
        this.logged = logged;
        this.delivery = delivery;
        this.typing = typing;
        this.config = config.stream();
        this.reconciled = Counter.builder("parley.stream.reconciled")
                .description("Events delivered by reconciliation, not by their commit's notification")
                .register(registry);
    }

    void start(@Observes StartupEvent startup, Vertx vertx) {
        timer = vertx.setPeriodic(config.reconcileInterval().toMillis(), tick -> {
            if (running.compareAndSet(false, true)) {
                pass().subscribe().with(done -> running.set(false), failure -> {
                    LOG.warnf("Reconciliation pass failed: %s", failure.getMessage());
                    running.set(false);
                });
            }
        });
    }

    void stop(@Observes ShutdownEvent shutdown, Vertx vertx) {
        vertx.cancelTimer(timer);
    }

    /** One pass; the first only places the cursor, since no socket was open before this replica started. */
    Uni<Void> pass() {
        if (cursorXid < 0) {
            return transactions.oldestRunning().chain(xmin -> log.lastId().invoke(last -> {
                floorId = last;
                highestId = last;
                cursorXid = xmin;
                delivery.settle(xmin, last, 0);
            })).replaceWithVoid();
        }
        return transactions.oldestRunning().chain(next -> read(floorId, new ArrayList<>())
                .chain(logged::resolve)
                .invoke(events -> {
                    reconciled.increment(events.size());
                    events.forEach(delivery::deliver);
                    cursorXid = next;
                    long now = System.currentTimeMillis();
                    moveFloor(now);
                    delivery.settle(next, floorId, now - IDLE_CONVERSATION_MILLIS);
                    typing.forgetEnded();
                }))
                .chain(this::pruneWhenDue);
    }

    // Pages through the log after the floor from the cursor on, keeping what this replica still awaits.
    private Uni<List<Logged>> read(long afterId, List<Logged> awaited) {
        return log.since(afterId, cursorXid, PAGE).chain(page -> {
            for (Logged event : page) {
                highestId = Math.max(highestId, event.id());
                if (delivery.awaited(event.id(), event.xid(), event.conversationId(),
                        event.messageId() == null ? null : event.seq())) {
                    awaited.add(event);
                }
            }
            return page.size() < PAGE
                    ? Uni.createFrom().item(awaited)
                    : read(page.get(page.size() - 1).id(), awaited);
        });
    }

    private void moveFloor(long now) {
        marks.addLast(new long[]{now, highestId});
        long horizon = now - config.reconcileHorizon().toMillis();
        for (long[] mark : marks) {
            if (mark[0] <= horizon) {
                floorId = Math.max(floorId, mark[1]);
            }
        }
        long retention = now - config.logRetention().toMillis();
        // The first mark stays the newest one older than the retention: what pruning may forget.
        while (marks.size() > 1) {
            long[] first = marks.removeFirst();
            if (marks.peekFirst()[0] >= retention) {
                marks.addFirst(first);
                break;
            }
        }
    }

    private Uni<Void> pruneWhenDue(List<Announcement> delivered) {
        long now = System.currentTimeMillis();
        long[] oldest = marks.peekFirst();
        if (now - prunedAt < 60_000 || oldest == null || oldest[0] > now - config.logRetention().toMillis()) {
            return Uni.createFrom().voidItem();
        }
        prunedAt = now;
        return log.prune(oldest[1]).invoke(count -> LOG.debugf("Forgot %d stream log rows", count)).replaceWithVoid();
    }
}
