package org.engram.support.concurrent;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed team of threads that runs one phase of a time step on every member and waits for all:
 * the caller is member 0, the others are daemon workers that spin between phases. A phase of the
 * emulator lasts tens of microseconds, so a fork/join task per step would cost more than it saves;
 * spinning workers start a phase in well under a microsecond. Workers that have been idle for a long
 * stretch (e.g. a skipped quiet hour) back off to yielding and then parking.
 */
public final class StepTeam implements AutoCloseable {
    private static final int SPINS = 1 << 14;
    private static final long YIELD_NANOS = 1_000_000;

    private final int size;
    private final Thread[] workers;
    private final AtomicInteger done = new AtomicInteger();
    private volatile int generation;
    private volatile IntConsumer task;
    private volatile boolean closed;
    private volatile Throwable failure;

    public StepTeam(int size, String name) {
        this.size = size;
        this.workers = new Thread[size - 1];
        for (int t = 1; t < size; t++) {
            int member = t;
            Thread w = new Thread(() -> work(member), name + "-" + t);
            w.setDaemon(true);
            workers[t - 1] = w;
            w.start();
        }
    }

    /** Runs {@code phase.accept(member)} on every member and returns when all have finished. */
    public void run(IntConsumer phase) {
        task = phase;
        done.set(0);
        generation++;                       // volatile write: publishes task to the workers
        Throwable mine = null;
        try {
            phase.accept(0);
        } catch (Throwable t) {
            mine = t;
        }
        await(() -> done.get() >= size - 1);
        Throwable f = mine != null ? mine : failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error e) throw e;
            throw new IllegalStateException(f);
        }
    }

    private void work(int member) {
        int seen = 0;
        while (true) {
            final int expect = seen;
            await(() -> generation != expect || closed);
            if (closed) return;
            seen = generation;
            try {
                task.accept(member);
            } catch (Throwable t) {
                failure = t;
            }
            done.incrementAndGet();
        }
    }

    private static void await(java.util.function.BooleanSupplier ready) {
        for (int i = 0; i < SPINS; i++) {
            if (ready.getAsBoolean()) return;
            Thread.onSpinWait();
        }
        long t0 = System.nanoTime();
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() - t0 < YIELD_NANOS) Thread.yield();
            else LockSupport.parkNanos(50_000);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) LockSupport.unpark(w);
    }
}
