package org.engram.grpc.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A fair queue per device and a limit on concurrent runs across the server. When a run slot is free, the
 * scheduler takes the next job of the next device with waiting jobs (devices in turn, clients in turn
 * within a device) and hands it to the starter on the executor; {@link #release} frees the slot.
 */
final class Scheduler {
    private final int maxConcurrent;
    private final Map<String, FairQueue<ServerJob>> queues = new LinkedHashMap<>();
    private final Map<String, Integer> runningPerDevice = new HashMap<>();
    private final List<String> deviceTurn;
    private final Executor executor;
    private final Consumer<ServerJob> starter;
    private int nextDevice;
    private int running;

    Scheduler(int maxConcurrent, List<String> devices, Executor executor, Consumer<ServerJob> starter) {
        if (maxConcurrent < 1) throw new IllegalArgumentException("max-concurrent must be at least 1, got " + maxConcurrent);
        this.maxConcurrent = maxConcurrent;
        for (String d : devices) {
            queues.put(d, new FairQueue<>());
            runningPerDevice.put(d, 0);
        }
        this.deviceTurn = new ArrayList<>(devices);
        this.executor = executor;
        this.starter = starter;
    }

    synchronized void submit(ServerJob job) {
        queues.get(job.deviceUri).add(job.client, job);
        dispatch();
    }

    /** Takes a job out of its queue; false when it is not waiting (already started or ended). */
    synchronized boolean removeQueued(ServerJob job) {
        return queues.get(job.deviceUri).remove(job.client, job);
    }

    /** The job's place in its device's queue (0 = next), or -1 when it is not waiting. */
    synchronized int position(ServerJob job) {
        return queues.get(job.deviceUri).position(job.client, job);
    }

    synchronized int queued(String device) {
        return queues.get(device).size();
    }

    synchronized int running(String device) {
        return runningPerDevice.get(device);
    }

    synchronized int running() {
        return running;
    }

    /** A run slot taken by {@code job} is free again. */
    synchronized void release(ServerJob job) {
        running--;
        runningPerDevice.merge(job.deviceUri, -1, Integer::sum);
        dispatch();
    }

    /** Every waiting job, removed from the queues (for shutdown). */
    synchronized List<ServerJob> drainQueued() {
        List<ServerJob> out = new ArrayList<>();
        for (FairQueue<ServerJob> q : queues.values()) out.addAll(q.drain());
        return out;
    }

    private void dispatch() {
        while (running < maxConcurrent) {
            ServerJob next = null;
            for (int i = 0; i < deviceTurn.size() && next == null; i++) {
                String d = deviceTurn.get((nextDevice + i) % deviceTurn.size());
                next = queues.get(d).poll();
                if (next != null) nextDevice = (nextDevice + i + 1) % deviceTurn.size();
            }
            if (next == null) return;
            running++;
            runningPerDevice.merge(next.deviceUri, 1, Integer::sum);
            ServerJob job = next;
            executor.execute(() -> starter.accept(job));
        }
    }
}
