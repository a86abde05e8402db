package dev.parley.account.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/** Fires requests at once from many threads, for races a single client cannot provoke. */
public final class Parallel {

    private Parallel() {
    }

    /** Runs {@code call(0) .. call(n - 1)} on n threads released together; the answers in order. */
    public static <T> List<T> run(int n, IntFunction<T> call) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<T>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                calls.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return call.apply(index);
                }, pool));
            }
            start.countDown();
            return calls.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    private static void await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
