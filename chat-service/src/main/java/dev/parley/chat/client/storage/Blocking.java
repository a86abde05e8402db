package dev.parley.chat.client.storage;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Runs the stores' blocking I/O on the worker pool, never on an event loop. */
final class Blocking {

    /** Blocking work that may fail with an {@link IOException}. */
    interface Work<T> {

        T run() throws IOException;
    }

    private Blocking() {
    }

    static <T> Uni<T> call(Work<T> work) {
        return Uni.createFrom().item(() -> {
            try {
                return work.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
