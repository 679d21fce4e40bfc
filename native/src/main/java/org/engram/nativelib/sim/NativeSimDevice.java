package org.engram.nativelib.sim;

import org.engram.hal.device.*;
import org.engram.hal.model.Experiment;
import org.engram.nativelib.Binding;
import org.engram.nativelib.kernel.Kernel;
import org.engram.nativelib.kernel.KernelAbi;
import org.engram.support.compiled.EmulatorFit;
import org.engram.support.uri.DeviceOptions;
import org.engram.support.compiled.CompiledNetwork;
import org.engram.support.compiled.CompiledRecording;
import org.engram.support.collect.IntList;
import org.engram.support.collect.LongList;
import org.engram.support.compiled.Results;

import java.time.Instant;
import java.util.*;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * {@code sim:native}: the emulator's fixed-point semantics (docs/fixed-point.md) run by the C kernel.
 * Java compiles the experiment with hal-support (CompiledNetwork) and the kernel runs every step; the
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
        DeviceOptions o = DeviceOptions.parse(uri, List.of("binding"));
        Binding binding = o.has("binding") ? Binding.parse(o.string("binding", "ffm"), "binding in " + uri) : Binding.selected();
        return new NativeSimDevice(uri, binding);
    }

    @Override public String uri() { return uri; }

    public Binding binding() { return binding; }

    /** The emulator's capabilities: the kernel runs its fixed-point specification. */
    @Override
    public Capabilities capabilities() {
        return EmulatorFit.capabilities(ENGINE, true);
    }

    /** The emulator's fit rules (with the fixed-point ranges), shared with sim: through hal-support. */
    @Override
    public FitReport check(Experiment e) {
        return EmulatorFit.check(uri, e, EmulatorFit.timeBase(e), true);
    }

    @Override
    public Job submit(Experiment e) {
        check(e).orThrow();
        return LocalJob.start("sim-native-job", job -> execute(e, job::progress, job::cancelRequested));
    }

    RunResult execute(Experiment e, DoubleConsumer progress, BooleanSupplier cancelled) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        CompiledNetwork net = new CompiledNetwork(e, EmulatorFit.timeBase(e));
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
