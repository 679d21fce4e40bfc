package org.engram.nativelib.sim;

import org.engram.hal.device.*;
import org.engram.hal.model.Experiment;
import org.engram.nativelib.Binding;
import org.engram.nativelib.kernel.Kernel;
import org.engram.nativelib.kernel.KernelAbi;
import org.engram.sim.SimDevice;
import org.engram.sim.engine.CompiledNetwork;
import org.engram.sim.engine.CompiledRecording;
import org.engram.sim.engine.Engine.IntList;
import org.engram.sim.engine.Engine.LongList;
import org.engram.sim.engine.Results;

import java.time.Instant;
import java.util.*;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * {@code sim:native}: the emulator's fixed-point semantics (docs/fixed-point.md) run by the C kernel.
 * Java compiles the experiment with backend-sim (CompiledNetwork) and the kernel runs every step; the
 * result is bit for bit the one of {@code sim:} (same RunResult.sha256). Option {@code ?binding=ffm|jna}
 * overrides {@code -Dengram.native.binding}.
 */
public final class NativeSimDevice implements Device {
    public static final String VERSION = "0.1.0";
    public static final String ENGINE = "sim-native-fixed";
    /** Steps per kernel call between progress reports and cancellation checks. */
    static final long CHUNK = 1 << 16;

    private final String uri;
    private final Binding binding;

    public NativeSimDevice(String uri, Binding binding) {
        this.uri = uri;
        this.binding = binding;
    }

    static NativeSimDevice open(String uri) {
        int qm = uri.indexOf('?');
        Binding binding = null;
        if (qm >= 0) {
            for (String kv : uri.substring(qm + 1).split("&")) {
                if (kv.isEmpty()) continue;
                String[] parts = kv.split("=", 2);
                if (parts[0].equals("binding") && parts.length == 2) binding = Binding.parse(parts[1], "binding in " + uri);
                else throw new IllegalArgumentException("unknown option '" + kv + "' in " + uri + " (known: binding=ffm|jna)");
            }
        }
        return new NativeSimDevice(uri, binding != null ? binding : Binding.selected());
    }

    @Override public String uri() { return uri; }

    public Binding binding() { return binding; }

    private SimDevice reference() {
        return new SimDevice(uri, SimDevice.Arithmetic.FIXED, 1);
    }

    @Override
    public Capabilities capabilities() {
        Capabilities c = reference().capabilities();
        return new Capabilities(ENGINE, c.neuronModels(), c.synapseModels(), c.stimuli(), c.maxNeurons(), c.maxSynapses(),
                c.weightBits(), c.timeBase(), true);
    }

    @Override
    public FitReport check(Experiment e) {
        FitReport base = reference().check(e);
        return new FitReport(uri, new ArrayList<>(base.issues()));
    }

    @Override
    public Job submit(Experiment e) {
        check(e).orThrow();
        return LocalJob.start("sim-native-job", job -> execute(e, job::progress, job::cancelRequested));
    }

    private static TimeBase timeBase(Experiment e) {
        double dt = e.protocol().dt() > 0 ? e.protocol().dt() : SimDevice.DEFAULT_DT;
        return new TimeBase(dt, 1.0, 1L << 40);
    }

    RunResult execute(Experiment e, DoubleConsumer progress, BooleanSupplier cancelled) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        CompiledNetwork net = new CompiledNetwork(e, timeBase(e));
        int perStep = NativeLowering.spikesPerStep(net);
        int capacity = Math.max(1 << 16, 4 * perStep);
        try (Kernel k = Kernel.create(binding, net.steps, net.slowPeriod, net.seed, net.neurons, net.maxDelaySteps, capacity)) {
            List<Kernel.TraceBuffer> traces = NativeLowering.load(net, k);
            int recs = net.recordings.size();
            IntList[] neurons = new IntList[recs];
            LongList[] steps = new LongList[recs];
            for (int i = 0; i < recs; i++) {
                neurons[i] = new IntList();
                steps[i] = new LongList();
            }
            boolean done = false;
            long step = 0;
            while (!done) {
                if (cancelled.getAsBoolean()) throw new CancelledException("cancelled at t = " + step * net.dt + " s");
                progress.accept(net.steps == 0 ? 0 : (double) step / net.steps);
                done = k.run(step + CHUNK);
                Kernel.SpikeBuffer sb = k.spikes();
                for (int i = 0, n = sb.size(); i < n; i++) {
                    int r = sb.recording(i);
                    neurons[r].add(sb.neuron(i));
                    steps[r].add(sb.step(i));
                }
                step = k.counters()[KernelAbi.COUNTER_STEP];
            }
            progress.accept(1.0);
            double wall = (System.nanoTime() - t0) / 1e9;
            long[] counters = k.counters();
            Provenance prov = new Provenance(uri, ENGINE + "-" + binding.name().toLowerCase(Locale.ROOT), VERSION, e.seed(), e.name(),
                    Provenance.digestOf(e), started, wall, e.protocol().duration(), 1);
            return collect(net, k, traces, neurons, steps, counters, prov);
        }
    }

    /** The RunResult in the shape SimDevice gives (same order, same finals): see {@link Results}. */
    private static RunResult collect(CompiledNetwork net, Kernel k, List<Kernel.TraceBuffer> buffers, IntList[] neurons,
                                     LongList[] steps, long[] counters, Provenance prov) {
        Results.Output out = new Results.Output() {
            @Override public long[] spikeSteps(int recording) { return steps[recording].toArray(); }
            @Override public int[] spikeNeurons(int recording) { return neurons[recording].toArray(); }

            @Override public double[][] traceValues(int recording) {
                CompiledRecording r = net.recordings.get(recording);
                int count = (int) r.count, rows = r.mean ? 1 : r.elements.length;
                double[][] values = new double[rows][count];
                Kernel.TraceBuffer b = buffers.get(recording);
                for (int row = 0; row < rows; row++) {
                    for (int col = 0; col < count; col++) values[row][col] = b.get((long) row * count + col);
                }
                return values;
            }

            @Override public double[] finalSynapse(CompiledNetwork.CompiledProjection pr, int syn) {
                return k.readSynapse(pr.plastic(syn), net.steps);
            }
        };
        Map<String, Long> c = Map.of("steps", net.steps, "steps_executed", counters[KernelAbi.COUNTER_STEPS_EXECUTED],
                "synaptic_events", counters[KernelAbi.COUNTER_SYNAPTIC_EVENTS], "synapses", Results.synapses(net));
        return Results.collect(net, out, prov, c);
    }
}
