package dev.parley.account.client;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import dev.parley.account.config.AccountConfig;
import dev.parley.common.internal.ExportRoute;
import dev.parley.common.internal.InternalClient;

/**
 * The parts of a user's data export the other services hold, from their internal ports
 * ({@code parley.export.sources.*.url}) with the service token. A service that does not answer a JSON object
 * fails the Uni, naming the service and what it answered.
 */
@ApplicationScoped
public class ExportSources {

    // Beyond the internal timeout: gathering the messages of a busy user may take a while.
    private static final Duration GATHERING = Duration.ofSeconds(25);

    private final InternalClient client;
    private final AccountConfig config;

    public ExportSources(InternalClient client, AccountConfig config) {
        this.client = client;
        this.config = config;
    }

    /** friendship-service's part: the user's relationships. */
    public Uni<JsonNode> friendship(long userId) {
        return part("friendship-service", config.export().sources().friendship().url(), userId);
    }

    /** chat-service's part: the user's conversations and messages. */
    public Uni<JsonNode> chat(long userId) {
        return part("chat-service", config.export().sources().chat().url(), userId);
    }

    private Uni<JsonNode> part(String service, String url, long userId) {
        return client.get(url, ExportRoute.pathOf(userId), GATHERING, JsonNode.class).invoke(part -> {
            if (!part.isObject()) {
                throw new IllegalStateException("not a JSON object");
            }
        }).onFailure().transform(e -> new IllegalStateException(service + " gave no export part: " + reason(e), e));
    }

    private static String reason(Throwable failure) {
        if (failure instanceof InternalClient.CallFailed call && call.status() != 0) {
            return call.status() + " " + call.getMessage();
        }
        return failure.getMessage();
    }
}
