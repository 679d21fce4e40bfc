package org.engram.sim.rate;

import org.engram.hal.device.CancelledException;
import org.engram.hal.device.Provenance;
import org.engram.hal.device.RunResult;
import org.engram.hal.device.TimeBase;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.Recording;
import org.engram.hal.model.Reduction;
import org.engram.hal.model.TraceVariable;
import org.engram.support.rng.NormalTable;
import org.engram.support.rng.Philox;
import org.engram.support.rng.Seeds;
import org.engram.support.rng.Streams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * The float64 engine of rate networks: exponential Euler, exact for input held over a step,
 * {@code v(s+1) = a v(s) + (1 - a) I(s) + sd_i N(0,1)} with {@code a = exp(-dt/tau_i)},
 * {@code I_i(s) = sum_j w_ij r_j(s - d_ij)} over rates and input values, and the noise's step sd
 * chosen so that v's stationary variance is sigma^2 / 2. Rates are summed in a fixed order (projections,
 * then pre, then synapse), so the bits do not depend on anything but the experiment and seed.
 */
public final class RateEngine {
    private final RateNetwork net;
    private final Experiment experiment;
    private final long noiseSeed;
    private final double[] v, acc;
    /** r of every neuron for the last maxDelay + 1 steps (ring, slot s % depth). */
    private final double[][] history;
    private long synapticEvents;

    public RateEngine(Experiment e, TimeBase tb) {
        this.experiment = e;
        this.net = new RateNetwork(e, tb);
        this.noiseSeed = Seeds.mix(e.seed(), 0x5241544EL);
        v = net.vInit.clone();
        acc = new double[net.neurons];
        history = new double[net.maxDelay + 1][net.neurons];
    }

    public long steps() { return net.steps; }
    public long synapticEvents() { return synapticEvents; }

    /**
     * Runs the protocol and returns every trace recording (rate networks send no spikes); the provenance
     * is asked for after the run, so it can carry the wall time.
     */
    public RunResult run(DoubleConsumer progress, BooleanSupplier cancelled, java.util.function.Supplier<Provenance> provenance) {
        List<Trace> traces = new ArrayList<>();
        for (Recording r : experiment.protocol().recordings()) traces.add(new Trace((Recording.Trace) r));
        int depth = history.length;
        double[] r0 = history[0];
        rates(0, r0);
        for (double[] slot : history) System.arraycopy(r0, 0, slot, 0, net.neurons);
        for (Trace t : traces) t.sample(0, v, r0);
        long reportEvery = Math.max(1, net.steps / 200);
        long synapses = net.projections.stream().mapToLong(p -> p.post().length).sum();
        for (long s = 0; s < net.steps; s++) {
            if (s % reportEvery == 0) {
                if (cancelled.getAsBoolean()) throw new CancelledException("cancelled at t = " + s * net.dt + " s");
                progress.accept((double) s / net.steps);
            }
            java.util.Arrays.fill(acc, 0);
            for (RateNetwork.Proj p : net.projections) {
                int[] start = p.start(), post = p.post(), delay = p.delay();
                double[] w = p.weight();
                for (int i = 0; i < p.preSize(); i++) {
                    int pre = p.preOffset() + i;
                    for (int k = start[i]; k < start[i + 1]; k++) {
                        acc[post[k]] += w[k] * history[(int) ((s - Math.min(delay[k], s)) % depth)][pre];
                    }
                }
            }
            synapticEvents += synapses;
            for (int n = 0; n < net.neurons; n++) {
                if (net.isInput[n]) continue;
                double a = net.decay[n];
                double next = a * v[n] + (1 - a) * acc[n];
                if (net.noiseSd[n] != 0) next += net.noiseSd[n] * NormalTable.gaussian(Philox.draw(noiseSeed, Streams.RATE_NOISE, n, s));
                v[n] = next;
            }
            double[] r = history[(int) ((s + 1) % depth)];
            rates(s + 1, r);
            for (Trace t : traces) t.sample(s + 1, v, r);
        }
        progress.accept(1);
        List<RunResult.TraceData> out = new ArrayList<>();
        for (Trace t : traces) out.add(t.data(net.dt));
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("steps", net.steps);
        counters.put("synapses", synapses);
        counters.put("synaptic_events", synapticEvents);
        return new RunResult(Map.of(), out, List.of(), provenance.get(), counters);
    }

    /** r at step s: f(v) for rate neurons, the held sample for inputs. */
    private void rates(long s, double[] r) {
        for (int n = 0; n < net.neurons; n++) if (!net.isInput[n]) r[n] = net.activation[n].apply(v[n]);
        for (RateNetwork.InputSeries in : net.inputs) {
            int row = (int) Math.min(s, net.steps - 1);
            System.arraycopy(in.values(), row * in.dims(), r, in.offset(), in.dims());
        }
    }

    /** One trace recording: its sample steps, elements and values. */
    private final class Trace {
        final Recording.Trace spec;
        final int[] elements;
        final long start, interval, count;
        final boolean mean;
        final double[][] values;
        final List<String> labels = new ArrayList<>();

        Trace(Recording.Trace t) {
            spec = t;
            int off = net.offset.get(t.population());
            int[] local = t.select().resolve(net.byName.get(t.population()).size());
            elements = new int[local.length];
            mean = t.reduce() == Reduction.MEAN;
            for (int i = 0; i < local.length; i++) {
                elements[i] = off + local[i];
                if (!mean) labels.add(t.population() + "[" + local[i] + "]");
            }
            if (mean) labels.add("mean");
            // the same sample grid as the spiking emulator's traces
            start = net.timeBase.nearestTick(t.start());
            interval = Math.max(1, net.timeBase.nearestTick(t.interval()));
            long stop = Math.min(net.steps, net.timeBase.nearestTick(t.stop()));
            count = stop < start ? 0 : (stop - start) / interval + 1;
            values = new double[mean ? 1 : elements.length][(int) count];
        }

        void sample(long s, double[] v, double[] r) {
            if (s < start || (s - start) % interval != 0 || (s - start) / interval >= count) return;
            int k = (int) ((s - start) / interval);
            double[] src = spec.variable() == TraceVariable.R ? r : v;
            if (mean) {
                double sum = 0;
                for (int e : elements) sum += src[e];
                values[0][k] = sum / elements.length;
            } else {
                for (int i = 0; i < elements.length; i++) values[i][k] = src[elements[i]];
            }
        }

        RunResult.TraceData data(double dt) {
            double[] times = new double[(int) count];
            for (int k = 0; k < times.length; k++) times[k] = (start + k * interval) * dt;
            return new RunResult.TraceData(spec.name(), spec.variable().name(), "1",
                    times, labels, values);
        }
    }
}
