package org.engram.grpc.load;

import org.engram.grpc.TestExperiments;
import org.engram.grpc.client.ClientOptions;
import org.engram.grpc.client.RemoteDevice;
import org.engram.grpc.client.RemoteJob;
import org.engram.grpc.server.DeviceServer;
import org.engram.grpc.server.ServerConfig;
import org.engram.hal.device.Devices;
import org.engram.hal.model.Experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load over loopback: a device server in this JVM, N clients (each its own token and channel) submitting
 * small experiments one after another, plus a few long ones; then one spike-heavy job whose result stream
 * is timed. Checks that no result is lost or duplicated, that each result has the bits of the local run
 * with the same seed, and that every client got all its results. Bounded in count and in time.
 *
 * <pre>
 * ./mvnw -q -pl hal-grpc exec:exec -Dload.args="--clients 50 --jobs 10 --long 3"   (or scripts/grpc-load.sh)
 * </pre>
 */
public final class LoadBenchmark {
    public record Options(int clients, int jobsPerClient, int longJobs, int maxConcurrent, int streamNeurons, String streamDuration,
                          long timeLimitSeconds) {}

    public record Report(int clients, int jobs, int longJobs, double wallSeconds, double jobsPerSecond,
                         double submitP50Ms, double submitP99Ms, double resultP50Ms, double resultP99Ms,
                         int lost, int duplicated, int wrongBits, int clientsServed, long streamEvents, double streamSeconds,
                         double streamEventsPerSecond) {
        @Override public String toString() {
            return String.format("""
                    clients %d, small jobs %d, long jobs %d, wall %.2f s
                    throughput     %.1f jobs/s
                    submit latency p50 %.2f ms, p99 %.2f ms
                    result latency p50 %.1f ms, p99 %.1f ms (submit to complete result on the client)
                    lost %d, duplicated %d, wrong bits %d, clients served %d of %d
                    spike stream   %d events in %.3f s = %.0f events/s (result chunks, after the run)""",
                    clients, jobs, longJobs, wallSeconds, jobsPerSecond, submitP50Ms, submitP99Ms, resultP50Ms, resultP99Ms,
                    lost, duplicated, wrongBits, clientsServed, clients, streamEvents, streamSeconds, streamEventsPerSecond);
        }
    }

    private LoadBenchmark() {}

    public static Report run(Options o, Path dir) throws Exception {
        StringBuilder tokens = new StringBuilder();
        for (int c = 0; c < o.clients() + 1; c++) tokens.append(token(c)).append(" client").append(c).append('\n');
        Path tokenFile = dir.resolve("tokens");
        Files.writeString(tokenFile, tokens);
        ServerConfig config = ServerConfig.of(0, List.of("sim:"), dir.resolve("store")).withTokens(tokenFile)
                .withMaxConcurrent(o.maxConcurrent());

        // the bits each seed must give, from local runs
        int seeds = 5;
        Map<Long, String> expected = new HashMap<>();
        try (var local = Devices.open("sim:")) {
            for (long s = 1; s <= seeds; s++) expected.put(s, local.run(TestExperiments.small(s)).sha256());
        }
        Experiment longOne = TestExperiments.of("20 s", "100 Hz", 99);

        try (DeviceServer server = DeviceServer.start(config)) {
            String uri = "grpc://localhost:" + server.port() + "/sim:";
            List<RemoteDevice> devices = new ArrayList<>();
            for (int c = 0; c < o.clients() + 1; c++) devices.add(RemoteDevice.open(uri, ClientOptions.NONE.withToken(token(c))));
            try {
                long[] submitNs = new long[o.clients() * o.jobsPerClient()];
                long[] resultNs = new long[submitNs.length];
                Set<String> ids = ConcurrentHashMap.newKeySet();
                AtomicInteger duplicated = new AtomicInteger(), wrong = new AtomicInteger(), done = new AtomicInteger();
                int[] perClient = new int[o.clients()];
                CountDownLatch finished = new CountDownLatch(o.clients());
                List<RemoteJob> longJobs = new ArrayList<>();
                for (int i = 0; i < o.longJobs(); i++) longJobs.add(devices.get(o.clients()).submit(longOne));
                long t0 = System.nanoTime();
                long deadline = t0 + TimeUnit.SECONDS.toNanos(o.timeLimitSeconds());
                for (int c = 0; c < o.clients(); c++) {
                    int client = c;
                    Thread.ofVirtual().start(() -> {
                        try {
                            for (int j = 0; j < o.jobsPerClient() && System.nanoTime() < deadline; j++) {
                                long seed = 1 + (client + j) % seeds;
                                long a = System.nanoTime();
                                RemoteJob job = devices.get(client).submit(TestExperiments.small(seed));
                                long b = System.nanoTime();
                                String sha = job.result().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).sha256();
                                long r = System.nanoTime();
                                int k = client * o.jobsPerClient() + j;
                                submitNs[k] = b - a;
                                resultNs[k] = r - a;
                                if (!ids.add(job.id())) duplicated.incrementAndGet();
                                if (!sha.equals(expected.get(seed))) wrong.incrementAndGet();
                                perClient[client]++;
                                done.incrementAndGet();
                            }
                        } catch (Exception e) {
                            System.err.println("client " + client + ": " + e);
                        } finally {
                            finished.countDown();
                        }
                    });
                }
                finished.await(o.timeLimitSeconds() + 30, TimeUnit.SECONDS);
                double wall = (System.nanoTime() - t0) / 1e9;
                int longDone = 0;
                for (RemoteJob j : longJobs) {
                    j.result().get(Math.max(1, o.timeLimitSeconds()), TimeUnit.SECONDS);
                    if (!ids.add(j.id())) duplicated.incrementAndGet();
                    longDone++;
                }
                int served = (int) Arrays.stream(perClient).filter(n -> n == o.jobsPerClient()).count();
                int n = done.get();
                long[] s = Arrays.copyOf(submitNs, submitNs.length);
                long[] r = Arrays.copyOf(resultNs, resultNs.length);
                s = Arrays.stream(s).filter(x -> x > 0).sorted().toArray();
                r = Arrays.stream(r).filter(x -> x > 0).sorted().toArray();

                // spike streaming: one spike-heavy run, its result timed from the first chunk to the last
                Experiment heavy = TestExperiments.of(o.streamDuration(), "400 Hz", 5);
                RemoteJob hj = devices.get(0).submit(heavy);
                long firstChunkAt = 0;
                while (!hj.result().isDone()) {
                    if (firstChunkAt == 0 && hj.eventsReceived() > 0) firstChunkAt = System.nanoTime();
                    Thread.onSpinWait();
                }
                long endAt = System.nanoTime();
                var hr = hj.await();
                long events = hr.spikes().values().stream().mapToLong(x -> x.count()).sum();
                double streamSeconds = firstChunkAt == 0 ? Double.NaN : (endAt - firstChunkAt) / 1e9;

                int lost = o.clients() * o.jobsPerClient() - n + (o.longJobs() - longDone);
                return new Report(o.clients(), n, longDone, wall, n / wall, pct(s, 50), pct(s, 99), pct(r, 50), pct(r, 99),
                        lost, duplicated.get(), wrong.get(), served, events, streamSeconds, events / streamSeconds);
            } finally {
                devices.forEach(RemoteDevice::close);
            }
        }
    }

    private static String token(int c) {
        return "load-test-token-" + String.format("%04d", c);
    }

    private static double pct(long[] sortedNs, int p) {
        if (sortedNs.length == 0) return Double.NaN;
        int i = (int) Math.ceil(p / 100.0 * sortedNs.length) - 1;
        return sortedNs[Math.clamp(i, 0, sortedNs.length - 1)] / 1e6;
    }

    public static void main(String[] args) throws Exception {
        int clients = 50, jobs = 10, longs = 3, max = Runtime.getRuntime().availableProcessors();
        String streamDuration = "30 s";
        long limit = 50;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--jobs" -> jobs = Integer.parseInt(args[++i]);
                case "--long" -> longs = Integer.parseInt(args[++i]);
                case "--max-concurrent" -> max = Integer.parseInt(args[++i]);
                case "--stream-duration" -> streamDuration = args[++i];
                case "--time-limit" -> limit = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--clients N --jobs N --long N --max-concurrent N --stream-duration '30 s' --time-limit S)");
            }
        }
        Path dir = Files.createTempDirectory("engram-grpc-load");
        Report r = run(new Options(clients, jobs, longs, max, 50, streamDuration, limit), dir);
        System.out.println(r);
        boolean ok = r.lost() == 0 && r.duplicated() == 0 && r.wrongBits() == 0 && r.clientsServed() == r.clients();
        System.out.println(ok ? "OK: no lost or duplicated result, every client served" : "FAILED");
        System.exit(ok ? 0 : 1);
    }
}
