package dev.parley.chat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import dev.parley.common.client.NeighbourSettings;

/** Typed settings of chat-service, all under {@code parley.*} (env {@code PARLEY_*}). */
@ConfigMapping(prefix = "parley")
public interface ChatConfig {

    Groups groups();

    Stream stream();

    Sync sync();

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
    }

    interface Sync {

        @WithDefault("100")
        int maxMessagesPerConversation();
    }

    interface FriendshipService extends NeighbourSettings {

        @Override
        @WithDefault("http://localhost:8082")
        String url();
    }
}
