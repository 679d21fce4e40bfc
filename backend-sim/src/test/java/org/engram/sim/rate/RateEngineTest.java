package org.engram.sim.rate;

import org.engram.hal.device.Devices;
import org.engram.hal.device.DoesNotFitException;
import org.engram.hal.device.RunResult;
import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.Experiment;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The rate engine on sim:float64: exact leaky integration, the noise's variance, determinism, fit rules. */
class RateEngineTest {
    private static Experiment parse(String yaml) {
        return ExperimentFiles.parse(yaml, false, "test");
    }

    /** One identity rate neuron driven by a constant input through weight w: v = w (1 - exp(-t/tau)). */
    private static final String STEP_RESPONSE = """
            name: step
            network:
              populations:
                - {name: u, size: 1, input: {data: {values: [1.0]}, sample_interval: 1 s}}
                - {name: r, size: 1, rate: {tau: 20 ms, activation: IDENTITY}}
              projections:
                - {name: in, pre: u, post: r, delay: 0 ms, connector: {one_to_one: {}}, synapse: {static: {weight: "0.5"}}}
            protocol:
              duration: 200 ms
              dt: 1 ms
              recordings:
                - {name: v, trace: {variable: V, population: r, interval: 1 ms}}
                - {name: u, trace: {variable: R, population: u, interval: 10 ms}}
            """;

    @Test
    void constantInputIsIntegratedExactly() {
        RunResult r = Devices.open("sim:float64").run(parse(STEP_RESPONSE));
        var v = r.trace("v").orElseThrow();
        assertEquals(201, v.times().length);
        for (int k = 0; k < v.times().length; k++) {
            double t = v.times()[k];
            // the input reaches the neuron from the first step on (delay 0)
            assertEquals(0.5 * (1 - Math.exp(-t / 0.02)), v.series(0)[k], 1e-12, "t = " + t);
        }
        assertEquals(1.0, r.trace("u").orElseThrow().series(0)[5]);
        assertTrue(r.spikes().isEmpty());
    }

    @Test
    void delaysShiftTheResponseByWholeSteps() {
        RunResult r = Devices.open("sim:float64").run(parse(STEP_RESPONSE.replace("delay: 0 ms", "delay: 5 ms")));
        double[] v = r.trace("v").orElseThrow().series(0);
        // the input is held at 1 from t = 0, so only the ring's initial value (u at t = 0) matters: still 1
        assertEquals(0.5 * (1 - Math.exp(-0.1 / 0.02)), v[100], 1e-12);
    }

    @Test
    void noiseHasTheStationaryVarianceOfItsOuProcess() {
        String yaml = """
                name: noise
                network:
                  populations:
                    - {name: r, size: 200, rate: {tau: 10 ms, sigma: 1.0, activation: IDENTITY}}
                protocol:
                  duration: 2 s
                  dt: 1 ms
                  recordings:
                    - {name: v, trace: {variable: V, population: r, interval: 10 ms, start: 200 ms}}
                """;
        RunResult r = Devices.open("sim:float64").run(parse(yaml));
        var v = r.trace("v").orElseThrow();
        double sum = 0, ss = 0;
        int n = 0;
        for (int k = 0; k < v.labels().size(); k++) {
            for (double x : v.series(k)) {
                sum += x;
                ss += x * x;
                n++;
            }
        }
        double mean = sum / n, var = ss / n - mean * mean;
        assertEquals(0, mean, 0.02);
        assertEquals(0.5, var, 0.03, "stationary variance sigma^2 / 2");
    }

    static final String RESERVOIR = """
            name: reservoir
            seed: 3
            network:
              populations:
                - {name: u, size: 3, input: {data: {values: [1, 0, -1, 0.5, 0.2, -0.3, -1, 1, 0]}, sample_interval: 100 ms, zscore: true}}
                - name: res
                  size: 200
                  rate: {tau: 20 ms, sigma: 0.05}
                  heterogeneity: [{parameter: tau, distribution: {lognormal: {mean: 20 ms, cv: 0.5}}}]
              projections:
                - name: rec
                  pre: res
                  post: res
                  delay: 1 ms
                  connector: {fixed_probability: {p: 0.1}}
                  synapse: {static: {}}
                  weights: {distribution: {normal: {mean: "0", sd: "0.3"}}}
                - name: in
                  pre: u
                  post: res
                  delay: 0 ms
                  connector: {all_to_all: {}}
                  synapse: {static: {}}
                  weights: {distribution: {normal: {mean: "0", sd: "1"}}}
            protocol:
              duration: 300 ms
              dt: 1 ms
              recordings:
                - {name: r, trace: {variable: R, population: res, interval: 1 ms}}
                - {name: mean, trace: {variable: V, population: res, interval: 1 ms, reduce: MEAN}}
            """;

    @Test
    void sameSeedSameBitsOtherSeedOtherBits() {
        Experiment e = parse(RESERVOIR);
        RunResult a = Devices.open("sim:float64").run(e);
        assertEquals(a.sha256(), Devices.open("sim:float64").run(e).sha256());
        assertNotEquals(a.sha256(), Devices.open("sim:float64").run(e.withSeed(4)).sha256());
        double[] r0 = a.trace("r").orElseThrow().series(0);
        assertTrue(java.util.Arrays.stream(r0).allMatch(x -> x > -1 && x < 1), "tanh rates lie in (-1, 1)");
        assertTrue(java.util.Arrays.stream(r0).distinct().count() > 100, "the reservoir moves");
    }

    @Test
    void fixedPointEngineAndChipNameTheRateModelAsUnsupported() {
        Experiment e = parse(RESERVOIR);
        var fixed = Devices.open("sim:").check(e);
        assertFalse(fixed.fits());
        assertTrue(fixed.errors().stream().anyMatch(i -> i.rule().equals("neuron-model") && i.element().equals("network.populations[1]")),
                fixed.toString());
        assertThrows(DoesNotFitException.class, () -> Devices.open("sim:").submit(e));
    }

    @Test
    void perSynapseWeightsOnLifNetworksRunOnBothJavaEngines() {
        String yaml = """
                name: lif-weights
                network:
                  populations: [{name: a, size: 10}]
                  projections:
                    - {name: aa, pre: a, post: a, connector: {all_to_all: {}}, synapse: {static: {}},
                       weights: {distribution: {lognormal: {median: 1 mV, sigma: 0.5}}}}
                protocol: {duration: 1 s}
                """;
        for (String device : java.util.List.of("sim:", "sim:float64")) {
            var report = Devices.open(device).check(parse(yaml));
            assertTrue(report.fits(), report.toString());
        }
    }
}
