package dev.parley.common.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The internal port ({@link InternalSettings}): a second HTTP server, apart from the public one, so that network
 * policies can open it to the consuming services alone and no proxy or Ingress ever routes it. Every request must
 * carry the service token; each is handled on its own duplicated Vert.x context, as a public request would be.
 */
@ApplicationScoped
public class InternalServer {

    private static final Logger LOG = Logger.getLogger(InternalServer.class);

    private final InternalSettings settings;
    private final Instance<InternalRoute> routes;
    private final InternalReplies replies;
    private final byte[] token;
    private volatile HttpServer server;

    public InternalServer(InternalSettings settings, Instance<InternalRoute> routes, InternalReplies replies) {
        this.settings = settings;
        this.routes = routes;
        this.replies = replies;
        this.token = ("Bearer " + settings.token()).getBytes(StandardCharsets.UTF_8);
    }

    void start(@Observes StartupEvent event, Vertx vertx) throws Exception {
        if (settings.port().isEmpty()) {
            return;
        }
        Router router = Router.router(vertx);
        router.route().handler(this::authenticate);
        routes.forEach(route -> route.mount(router, replies));
        router.route().handler(context -> replies.error(context, 404, "Not found"));
        server = vertx.createHttpServer().requestHandler(router).listen(settings.port().get(), settings.host())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        LOG.infof("Internal port listening on %d", server.actualPort());
    }

    void stop(@Observes ShutdownEvent event) {
        HttpServer running = server;
        if (running != null) {
            running.close();
        }
    }

    /** The port actually listened on (differs from the setting when that is 0), or -1 when there is none. */
    public int port() {
        HttpServer running = server;
        return running == null ? -1 : running.actualPort();
    }

    private void authenticate(RoutingContext context) {
        String given = context.request().getHeader("Authorization");
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            replies.error(context, 401, "Service token required");
            return;
        }
        Context duplicate = VertxContext.createNewDuplicatedContext(context.vertx().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(duplicate, true);
        duplicate.runOnContext(ignored -> context.next());
    }
}
