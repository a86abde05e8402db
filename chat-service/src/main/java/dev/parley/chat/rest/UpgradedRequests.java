package dev.parley.chat.rest;

import java.lang.reflect.Method;

import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.core.http.HttpServerRequest;

/**
 * Tells Quarkus's graceful-shutdown accounting that an upgraded request is over. It counts every HTTP request until
 * its response ends, and an upgraded one never ends as HTTP: without this, shutdown would wait its whole timeout
 * once any WebSocket had been opened, accepting new requests meanwhile and cutting them off at the end. The socket
 * itself lives on and is closed with the server.
 */
@RegisterForReflection(targets = QuarkusRequestWrapper.class)
final class UpgradedRequests {

    private static final Logger LOG = Logger.getLogger(UpgradedRequests.class);
    private static final Method DONE = doneMethod();

    private UpgradedRequests() {
    }

    static void markDone(HttpServerRequest request) {
        if (DONE == null) {
            return;
        }
        try {
            DONE.invoke(QuarkusRequestWrapper.get(request));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("Cannot mark the upgraded request done: %s", e);
        }
    }

    private static Method doneMethod() {
        try {
            Method done = QuarkusRequestWrapper.class.getDeclaredMethod("done");
            done.setAccessible(true);
            return done;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Graceful shutdown will wait for open WebSockets: %s", e);
            return null;
        }
    }
}
