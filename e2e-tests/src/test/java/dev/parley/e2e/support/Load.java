package dev.parley.e2e.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Client load on 127.0.0.1 that stops by itself: each loop runs its step again and again until {@link #close()} or
 * the time limit, whichever comes first.
 */
public final class Load implements AutoCloseable {

    /** One step of a loop; {@code i} counts from 1. */
    public interface Step {

        void run(int i) throws Exception;
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final long deadline;

    public Load(Duration limit) {
        this.deadline = System.nanoTime() + limit.toNanos();
    }

    /** Starts a loop on its own thread, pausing {@code pause} between steps. */
    public Load loop(String name, Duration pause, Step step) {
        Thread thread = Thread.ofPlatform().name("load-" + name).daemon().start(() -> {
            for (int i = 1; running(); i++) {
                try {
                    step.run(i);
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable e) {
                    failures.add(e);
                    return;
                }
            }
        });
        threads.add(thread);
        return this;
    }

    public boolean running() {
        return running.get() && System.nanoTime() < deadline;
    }

    /** Stops every loop after its current step and waits for them; fails if a step failed. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60));
            if (thread.isAlive()) {
                thread.interrupt();
                failures.add(new AssertionError(thread.getName() + " did not stop"));
            }
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("a load loop failed: " + failures.get(0), failures.get(0));
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
    }
}
