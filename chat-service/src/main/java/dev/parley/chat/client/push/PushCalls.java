package dev.parley.chat.client.push;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/** What the providers share about their HTTP calls: the client, the deadline, and how a failed call answers. */
final class PushCalls {

    private static final Logger LOG = Logger.getLogger(PushCalls.class);

    private PushCalls() {
    }

    /** A client of {@code concurrency} connections; over HTTP/2 (ALPN on https, prior knowledge on http) one. */
    static WebClient client(Vertx vertx, Duration timeout, int concurrency, boolean http2) {
        WebClientOptions options = new WebClientOptions().setUserAgent("parley-chat-service")
                .setConnectTimeout((int) timeout.toMillis()).setMaxPoolSize(Math.max(1, concurrency));
        if (http2) {
            options.setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true).setHttp2ClearTextUpgrade(false);
        }
        return WebClient.create(vertx, options);
    }

    /** {@code call} failed unless it answers within {@code timeout}. */
    static <T> Uni<T> within(Uni<T> call, Duration timeout) {
        return call.ifNoItem().after(timeout).failWith(() -> new TimeoutException("No answer within " + timeout));
    }

    /** The result of a push whose call failed: its own result, or a retry for any network failure. */
    static PushResult failed(String provider, Throwable failure) {
        if (failure instanceof Refused refused) {
            return refused.result;
        }
        LOG.debugf("Push through %s failed: %s", provider, failure);
        return PushResult.retry("network", null);
    }

    /** A call refused in a way that decides the push's result before the push was sent (e.g. no access token). */
    static final class Refused extends RuntimeException {

        private final transient PushResult result;

        Refused(PushResult result) {
            super(result.reason(), null, false, false);
            this.result = result;
        }
    }
}
