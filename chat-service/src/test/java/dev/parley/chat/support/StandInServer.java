package dev.parley.chat.support;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * A real HTTP server on a free port of the loopback interface, on its own Vert.x, that records every request and
 * answers what a test scripted ({@link #then}) before falling back to its provider's normal answer.
 */
public abstract class StandInServer implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private HttpServer server;

    protected final void start(HttpServerOptions options) {
        server = vertx.createHttpServer(options).requestHandler(request -> request.body().onSuccess(body -> {
            RecordedRequest recorded = RecordedRequest.of(request, body);
            requests.add(recorded);
            answer(recorded).writeTo(request.response());
        }));
        await(server.listen(0, "127.0.0.1"));
    }

    /** The answer to {@code request}; a scripted one is taken with {@link #scripted()}. */
    protected abstract Answer answer(RecordedRequest request);

    /** The next scripted answer, or null. */
    protected final Answer scripted() {
        return script.poll();
    }

    /** Answers {@code answer} to a request this stand-in refuses, and notes {@code why}. */
    protected final Answer refuse(String why, Answer answer) {
        refusals.add(answer.status() + ": " + why);
        return answer;
    }

    /** Why requests were refused, if they were; empty when every request was well formed and authorized. */
    public final List<String> refusals() {
        return List.copyOf(refusals);
    }

    /** Answers the next request that reaches the provider's endpoint with {@code answer}. */
    public final void then(Answer answer) {
        script.add(answer);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public final String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public final List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public final List<RecordedRequest> requests(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    /** Forgets the requests, refusals and scripted answers so far. */
    public final void clear() {
        requests.clear();
        script.clear();
        refusals.clear();
    }

    @Override
    public void close() {
        await(vertx.close());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
