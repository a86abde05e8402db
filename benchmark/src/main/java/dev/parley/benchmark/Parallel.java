package dev.parley.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a step for every item on a few threads, in item order; the first failure fails the whole. */
final class Parallel {

    /** One step for one item. */
    interface Step<T, R> {

        R apply(T item) throws Exception;
    }

    private Parallel() {
    }

    static <T, R> List<R> map(List<T> items, int threads, Step<T, R> step) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<R>> running = new ArrayList<>();
            for (T item : items) {
                running.add(pool.submit(() -> step.apply(item)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> result : running) {
                try {
                    results.add(result.get());
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
                }
            }
            return results;
        }
    }
}
