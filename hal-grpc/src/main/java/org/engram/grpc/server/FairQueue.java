package org.engram.grpc.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One device's waiting jobs, served round-robin between clients: each client has its own FIFO, and the
 * queue takes one job from each client in turn, so one client's hundred jobs do not starve another's one.
 * Not thread-safe; the {@link Scheduler} guards it.
 */
final class FairQueue<T> {
    private final Map<String, ArrayDeque<T>> byClient = new HashMap<>();
    /** Clients with waiting jobs, in the order they will be served next. */
    private final ArrayDeque<String> turn = new ArrayDeque<>();
    private int size;

    void add(String client, T job) {
        ArrayDeque<T> q = byClient.get(client);
        if (q == null) {
            q = new ArrayDeque<>();
            byClient.put(client, q);
            turn.addLast(client);
        }
        q.addLast(job);
        size++;
    }

    /** The next job in round-robin order, or null. */
    T poll() {
        String client = turn.pollFirst();
        if (client == null) return null;
        ArrayDeque<T> q = byClient.get(client);
        T job = q.pollFirst();
        if (q.isEmpty()) byClient.remove(client);
        else turn.addLast(client);
        size--;
        return job;
    }

    boolean remove(String client, T job) {
        ArrayDeque<T> q = byClient.get(client);
        if (q == null || !q.remove(job)) return false;
        if (q.isEmpty()) {
            byClient.remove(client);
            turn.remove(client);
        }
        size--;
        return true;
    }

    /**
     * How many jobs {@link #poll} returns before this one (0 = next), or -1 when it is not queued. The job
     * is k-th in its client's FIFO, and its client is p-th in turn: before it go k jobs of every client
     * ahead of it in turn (k + 1 if its own turn comes later in the round) and k of every client after.
     */
    int position(String client, T job) {
        ArrayDeque<T> own = byClient.get(client);
        if (own == null) return -1;
        int k = 0;
        boolean found = false;
        for (T t : own) {
            if (t.equals(job)) {
                found = true;
                break;
            }
            k++;
        }
        if (!found) return -1;
        int pos = 0;
        boolean before = true;
        for (String c : turn) {
            if (c.equals(client)) {
                before = false;
                pos += k;
                continue;
            }
            pos += Math.min(byClient.get(c).size(), before ? k + 1 : k);
        }
        return pos;
    }

    int size() {
        return size;
    }

    List<T> drain() {
        List<T> out = new ArrayList<>();
        T t;
        while ((t = poll()) != null) out.add(t);
        return out;
    }
}
