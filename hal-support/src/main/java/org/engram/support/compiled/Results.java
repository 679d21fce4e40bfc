package org.engram.support.compiled;

import org.engram.hal.device.Provenance;
import org.engram.hal.device.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's outputs turned into a {@link RunResult}, in one shape for every engine of the emulator's
 * semantics (Java fixed point, float64, the C kernel): same order of recordings, same final synapses,
 * so equal runs give equal digests.
 */
public final class Results {
    private Results() {}

    /** What an engine recorded, by recording index of the compiled network. */
    public interface Output {
        long[] spikeSteps(int recording);
        int[] spikeNeurons(int recording);
        /** One row per element (one row for MEAN), one column per sample. */
        double[][] traceValues(int recording);
        /** Final (h, z, w) of synapse k of a plastic projection. */
        double[] finalSynapse(CompiledNetwork.CompiledProjection pr, int k);
    }

    public static RunResult collect(CompiledNetwork net, Output out, Provenance prov, Map<String, Long> counters) {
        Map<String, RunResult.SpikeData> spikes = new LinkedHashMap<>();
        List<RunResult.TraceData> traces = new ArrayList<>();
        Map<String, RunResult.SynapseState> finals = new LinkedHashMap<>();
        for (int i = 0; i < net.recordings.size(); i++) {
            CompiledRecording r = net.recordings.get(i);
            if (r.spikes) {
                long[] steps = out.spikeSteps(i);
                double[] times = new double[steps.length];
                for (int k = 0; k < steps.length; k++) times[k] = steps[k] * net.dt;
                spikes.put(r.name, new RunResult.SpikeData(r.population, times, out.spikeNeurons(i)));
                continue;
            }
            double[] times = new double[(int) r.count];
            for (int k = 0; k < times.length; k++) times[k] = (r.start + k * r.interval) * net.dt;
            traces.add(new RunResult.TraceData(r.name, r.variable.name(), r.variable.unit(), times, r.labels,
                    out.traceValues(i)));
            if (r.projection != null && r.projection.plastic() && !r.mean) {
                for (int syn : r.elements) {
                    int pre = preOf(r.projection, syn);
                    int post = r.projection.post()[syn] - r.projection.postOffset();
                    String key = r.projection.name() + ":" + pre + "->" + post;
                    if (finals.containsKey(key)) continue;
                    double[] f = out.finalSynapse(r.projection, syn);
                    finals.put(key, new RunResult.SynapseState(r.projection.name(), pre, post, f[0], f[1], f[2]));
                }
            }
        }
        return new RunResult(spikes, traces, new ArrayList<>(finals.values()), prov, counters);
    }

    /** The pre neuron (local) of CSR synapse k: the row whose range holds it. */
    static int preOf(CompiledNetwork.CompiledProjection pr, int k) {
        int lo = 0, hi = pr.preSize() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (pr.start()[mid] <= k) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /** Synapses of all projections. */
    public static long synapses(CompiledNetwork net) {
        return net.projections.stream().mapToLong(CompiledNetwork.CompiledProjection::size).sum();
    }
}
