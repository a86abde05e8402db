package dev.parley.chat.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import dev.parley.common.client.NeighbourSettings;
import dev.parley.common.limits.Rate;

/** Typed settings of chat-service, all under {@code parley.*} (env {@code PARLEY_*}). */
@ConfigMapping(prefix = "parley")
public interface ChatConfig {

    Groups groups();

    Stream stream();

    Sync sync();

    Messages messages();

    Conversations conversations();

    Presence presence();

    AccountService accountService();

    FriendshipService friendshipService();

    /** account-service, whose {@code /.well-known/jwks.json} verifies access tokens. */
    interface AccountService {

        @WithDefault("http://localhost:8081")
        String url();
    }

    interface Groups {

        @WithDefault("500")
        int maxMembers();
    }

    interface Stream {

        /** PostgreSQL channel that carries events between replicas. */
        @WithDefault("parley_chat_events")
        String channel();

        /** Sockets one user may have open on this replica; one more is refused with 429 before the upgrade. */
        @WithDefault("10")
        int maxSocketsPerUser();

        /**
         * Sockets this replica holds open for all users together; one more is refused with 503 before the upgrade,
         * so the client tries again, perhaps on another replica.
         */
        @WithDefault("10000")
        int maxSockets();

        /**
         * Bytes of events written to one socket but not yet taken by the network. A client that stops reading
         * reaches it and is closed with 1008 (Too slow); it catches up with {@code /v1/sync} after reconnecting.
         */
        @WithDefault("262144")
        long maxQueuedBytes();

        /** How often each replica reads the stream log for events whose notification it missed. */
        @WithDefault("1s")
        Duration reconcileInterval();

        /** How long a transaction may stay open and still have its events found by reconciliation. */
        @WithDefault("2m")
        Duration reconcileHorizon();

        /** How long the stream log keeps events; clients recover older ones with after_seq and /v1/sync. */
        @WithDefault("10m")
        Duration logRetention();
    }

    interface Sync {

        @WithDefault("100")
        int maxMessagesPerConversation();

        /**
         * Bytes of one answer's JSON. Conversations that would go beyond it come with {@code next_cursor}; one that
         * alone is larger comes with as many of its messages as fit, marked {@code messages_truncated}.
         */
        @WithDefault("1048576")
        long maxBytes();
    }

    interface Messages {

        /** Bytes of one page of message history's JSON; the messages beyond it come with {@code next_cursor}. */
        @WithDefault("1048576")
        long maxPageBytes();

        /** Messages one user may send at once before the sustained rate applies (per replica). */
        @WithDefault("100")
        int sendBurst();

        /** Messages one user may send per second, sustained (per replica); beyond it 429 with Retry-After. */
        @WithDefault("20")
        double sendsPerSecond();

        /** Most messages stored in one transaction: sends that arrive while one is stored go in the next. */
        @WithDefault("256")
        int maxBatch();

        /**
         * Batches of sends stored at the same time by one replica. One measured best (docs/benchmarks.md): the sends
         * that wait meanwhile make the next batch larger, and fewer transactions cost the database less.
         */
        @WithDefault("1")
        int concurrentBatches();
    }

    interface Conversations {

        /** Conversations one user may create, counted across replicas; opening an existing one is free. */
        @WithDefault("100/1d")
        Rate perUser();
    }

    /** Who is online, as friends see it (see {@code GET /v1/presence} and {@code presence.updated}). */
    interface Presence {

        /**
         * At most one {@code presence.updated} per user in this time; a change inside it is sent when it ends, if the
         * state then differs from what was last sent.
         */
        @WithDefault("30s")
        Duration minInterval();

        /** How often each replica says it is alive, and looks for replicas that are not. */
        @WithDefault("10s")
        Duration heartbeatInterval();

        /** A replica unseen for this long is dead: its users' sockets are taken away, and who is left goes offline. */
        @WithDefault("30s")
        Duration replicaTimeout();
    }

    interface FriendshipService extends NeighbourSettings {

        @Override
        @WithDefault("http://localhost:8082")
        String url();
    }
}
