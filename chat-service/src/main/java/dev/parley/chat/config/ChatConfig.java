package dev.parley.chat.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed settings of chat-service, all under {@code parley.*} (env {@code PARLEY_*}). */
@ConfigMapping(prefix = "parley")
public interface ChatConfig {

    Groups groups();

    Stream stream();

    Sync sync();

    AccountService accountService();

    FriendshipService friendshipService();

    interface AccountService {

        /** Base URL of account-service, whose {@code /.well-known/jwks.json} verifies access tokens. */
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

        /** How often idle WebSockets are pinged, so proxies keep them open. */
        @WithDefault("30s")
        Duration pingInterval();
    }

    interface Sync {

        @WithDefault("100")
        int maxMessagesPerConversation();
    }

    interface FriendshipService {

        @WithDefault("http://localhost:8082")
        String url();

        /** Time allowed for one call, retries included. */
        @WithDefault("3s")
        Duration timeout();

        @WithDefault("2")
        int retries();
    }
}
