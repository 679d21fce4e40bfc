package org.engram.nativelib.bench;

import org.engram.hal.device.Device;
import org.engram.hal.device.Devices;
import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.Experiment;
import org.openjdk.jmh.annotations.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The P1 network protocol (examples/p1-consolidation-10s.yaml: 2000 neurons, about 400 k synapses, 30 s
 * simulated) on sim: with one thread (Java), sim:native through FFM and through JNA. Single-shot: each
 * iteration is one whole run. Ratios: divide the three scores of one JMH run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
public class NetworkBench {
    @Param({"sim:?threads=1", "sim:native?binding=ffm", "sim:native?binding=jna"})
    public String device;
    @Param({"examples/p1-consolidation-10s.yaml"})
    public String file;

    private Device dev;
    private Experiment experiment;

    @Setup
    public void setup() throws Exception {
        Path p = Path.of(file);
        if (!Files.exists(p)) p = Path.of("..").resolve(file);
        experiment = ExperimentFiles.read(p);
        dev = Devices.open(device);
    }

    @Benchmark
    public long run() {
        return dev.run(experiment).counters().get("synaptic_events");
    }
}
