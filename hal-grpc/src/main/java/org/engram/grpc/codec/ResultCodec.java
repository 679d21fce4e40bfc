package org.engram.grpc.codec;

import org.engram.hal.device.Provenance;
import org.engram.hal.device.RunResult;
import org.engram.proto.v1.FinalSynapse;
import org.engram.proto.v1.ResultTail;
import org.engram.proto.v1.RunProvenance;
import org.engram.proto.v1.RunResultData;
import org.engram.proto.v1.SpikeChunk;
import org.engram.proto.v1.TraceChunk;
import org.engram.proto.v1.TraceRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link RunResult} to and from messages, exactly: doubles travel as IEEE-754 doubles, so the decoded
 * result has the same {@link RunResult#sha256()}. Spike recordings are cut into chunks of a bounded
 * number of events, trace recordings into chunks of a bounded number of values, so that no message
 * grows with the run; {@link Assembler} puts them back together.
 */
public final class ResultCodec {
    private ResultCodec() {}

    /** Spike chunks of at most {@code chunkEvents} events per recording, recordings in name order. */
    public static List<SpikeChunk> spikeChunks(RunResult r, int chunkEvents) {
        List<SpikeChunk> out = new ArrayList<>();
        for (var e : new TreeMap<>(r.spikes()).entrySet()) {
            RunResult.SpikeData s = e.getValue();
            int n = s.count();
            int off = 0;
            do {
                int end = Math.min(n, off + chunkEvents);
                var b = SpikeChunk.newBuilder().setRecording(e.getKey()).setPopulation(s.population())
                        .setOffset(off).setTotal(n);
                for (int i = off; i < end; i++) {
                    b.addTimes(s.time(i));
                    b.addNeurons(s.neuron(i));
                }
                out.add(b.build());
                off = end;
            } while (off < n);
        }
        return out;
    }

    /** Trace chunks of at most about {@code chunkValues} values each, in recording order. */
    public static List<TraceChunk> traceChunks(RunResult r, int chunkValues) {
        List<TraceChunk> out = new ArrayList<>();
        for (RunResult.TraceData t : r.traces()) {
            int rowsPer = Math.max(1, chunkValues / Math.max(1, t.sampleCount()));
            int rows = t.seriesCount();
            int off = 0;
            do {
                var b = TraceChunk.newBuilder().setRecording(t.recording()).setRowOffset(off);
                if (off == 0) {
                    b.setVariable(t.variable()).setUnit(t.unit()).addAllLabels(t.labels());
                    for (double x : t.times()) b.addTimes(x);
                }
                int end = Math.min(rows, off + rowsPer);
                for (int k = off; k < end; k++) {
                    var row = TraceRow.newBuilder();
                    for (int i = 0; i < t.sampleCount(); i++) row.addValues(t.value(k, i));
                    b.addRows(row);
                }
                out.add(b.build());
                off = end;
            } while (off < rows);
        }
        return out;
    }

    public static ResultTail tail(RunResult r) {
        var b = ResultTail.newBuilder().setProvenance(provenance(r.provenance())).putAllCounters(r.counters())
                .setResultSha256(r.sha256());
        for (RunResult.SynapseState s : r.finalSynapses()) {
            b.addFinalSynapses(FinalSynapse.newBuilder().setProjection(s.projection()).setPre(s.pre()).setPost(s.post())
                    .setH(s.h()).setZ(s.z()).setW(s.w()));
        }
        return b.build();
    }

    public static RunResultData encode(RunResult r) {
        return RunResultData.newBuilder().addAllSpikes(spikeChunks(r, Integer.MAX_VALUE))
                .addAllTraces(traceChunks(r, Integer.MAX_VALUE)).setTail(tail(r)).build();
    }

    public static RunResult decode(RunResultData d) {
        Assembler a = new Assembler();
        d.getSpikesList().forEach(a::add);
        d.getTracesList().forEach(a::add);
        return a.finish(d.getTail());
    }

    static RunProvenance provenance(Provenance p) {
        var b = RunProvenance.newBuilder().setDeviceUri(p.deviceUri()).setEngine(p.engine())
                .setEngineVersion(p.engineVersion()).setSeed(p.seed()).setExperimentName(p.experimentName())
                .setExperimentSha256(p.experimentSha256()).setWallSeconds(p.wallSeconds())
                .setSimulatedSeconds(p.simulatedSeconds()).setThreads(p.threads());
        if (p.startedAt() != null) b.setStartedAtSeconds(p.startedAt().getEpochSecond()).setStartedAtNanos(p.startedAt().getNano());
        return b.build();
    }

    static Provenance provenance(RunProvenance p) {
        return new Provenance(p.getDeviceUri(), p.getEngine(), p.getEngineVersion(), p.getSeed(), p.getExperimentName(),
                p.getExperimentSha256(), Instant.ofEpochSecond(p.getStartedAtSeconds(), p.getStartedAtNanos()),
                p.getWallSeconds(), p.getSimulatedSeconds(), p.getThreads());
    }

    /** Collects chunks in the order they were sent and builds the result; checks every count. */
    public static final class Assembler {
        private final Map<String, SpikeBuf> spikes = new LinkedHashMap<>();
        private final Map<String, TraceBuf> traces = new LinkedHashMap<>();
        private long events;

        private static final class SpikeBuf {
            String population;
            double[] times;
            int[] neurons;
            int filled;
        }

        private static final class TraceBuf {
            TraceChunk head;
            List<double[]> rows = new ArrayList<>();
        }

        public void add(SpikeChunk c) {
            if (c.getTotal() > Integer.MAX_VALUE) throw new IllegalStateException("spike recording " + c.getRecording() + " too large");
            SpikeBuf b = spikes.computeIfAbsent(c.getRecording(), k -> {
                SpikeBuf n = new SpikeBuf();
                n.population = c.getPopulation();
                n.times = new double[(int) c.getTotal()];
                n.neurons = new int[(int) c.getTotal()];
                return n;
            });
            if (c.getOffset() != b.filled || c.getTimesCount() != c.getNeuronsCount() || b.filled + c.getTimesCount() > b.times.length) {
                throw new IllegalStateException("spike chunk of " + c.getRecording() + " out of order: offset " + c.getOffset()
                        + ", expected " + b.filled);
            }
            for (int i = 0; i < c.getTimesCount(); i++) {
                b.times[b.filled + i] = c.getTimes(i);
                b.neurons[b.filled + i] = c.getNeurons(i);
            }
            b.filled += c.getTimesCount();
            events += c.getTimesCount();
        }

        public void add(TraceChunk c) {
            TraceBuf b = traces.get(c.getRecording());
            if (b == null) {
                if (c.getRowOffset() != 0) throw new IllegalStateException("trace chunk of " + c.getRecording() + " before its head");
                b = new TraceBuf();
                b.head = c;
                traces.put(c.getRecording(), b);
            } else if (c.getRowOffset() != b.rows.size()) {
                throw new IllegalStateException("trace chunk of " + c.getRecording() + " out of order");
            }
            for (TraceRow r : c.getRowsList()) {
                double[] v = new double[r.getValuesCount()];
                for (int i = 0; i < v.length; i++) v[i] = r.getValues(i);
                b.rows.add(v);
            }
        }

        /** Spike events received so far. */
        public long events() {
            return events;
        }

        public RunResult finish(ResultTail tail) {
            Map<String, RunResult.SpikeData> sp = new LinkedHashMap<>();
            for (var e : spikes.entrySet()) {
                SpikeBuf b = e.getValue();
                if (b.filled != b.times.length) {
                    throw new IllegalStateException("spike recording " + e.getKey() + " incomplete: " + b.filled + " of " + b.times.length);
                }
                sp.put(e.getKey(), new RunResult.SpikeData(b.population, b.times, b.neurons));
            }
            List<RunResult.TraceData> tr = new ArrayList<>();
            for (var e : traces.entrySet()) {
                TraceChunk h = e.getValue().head;
                double[] times = new double[h.getTimesCount()];
                for (int i = 0; i < times.length; i++) times[i] = h.getTimes(i);
                tr.add(new RunResult.TraceData(e.getKey(), h.getVariable(), h.getUnit(), times, List.copyOf(h.getLabelsList()),
                        e.getValue().rows.toArray(double[][]::new)));
            }
            List<RunResult.SynapseState> fin = new ArrayList<>();
            for (FinalSynapse s : tail.getFinalSynapsesList()) {
                fin.add(new RunResult.SynapseState(s.getProjection(), s.getPre(), s.getPost(), s.getH(), s.getZ(), s.getW()));
            }
            RunResult r = new RunResult(sp, tr, fin, provenance(tail.getProvenance()), tail.getCountersMap());
            if (!tail.getResultSha256().isEmpty() && !tail.getResultSha256().equals(r.sha256())) {
                throw new IllegalStateException("result digest mismatch: server " + tail.getResultSha256() + ", received " + r.sha256());
            }
            return r;
        }
    }
}
