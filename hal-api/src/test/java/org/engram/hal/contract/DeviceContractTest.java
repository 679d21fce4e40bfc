package org.engram.hal.contract;

import org.engram.hal.device.CancelledException;
import org.engram.hal.device.Capabilities;
import org.engram.hal.device.Device;
import org.engram.hal.device.DoesNotFitException;
import org.engram.hal.device.FitReport;
import org.engram.hal.device.Job;
import org.engram.hal.device.Provenance;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.Population;
import org.engram.hal.model.Recording;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What every device promises, as tests a backend runs by extending this class (hal-api's test-jar,
 * docs/backends.md): the same seed gives the same bits, the fit check comes before any run and names what
 * does not fit, a long run can be cancelled, every requested recording comes back in the right shape with
 * its provenance, and bad input is refused naming the element.
 *
 * <p>A subclass supplies {@link #openDevice()}. A device whose limits the default 25-neuron network does
 * not meet overrides {@link #experiment(long)}, {@link #longExperiment()} and, if its capacity is not
 * {@code capabilities().maxNeurons()}, {@link #tooLarge(Experiment, Capabilities)}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class DeviceContractTest {
    /** A cancelled run must end within this many seconds of cancel(). */
    protected static final long CANCEL_SECONDS = 10;

    private Device device;

    /** The device under test: opened before each test, closed after it. */
    protected abstract Device openDevice();

    /** A small experiment the device runs in well under a second; differs by seed in its random streams. */
    protected Experiment experiment(long seed) {
        return ContractExperiments.small(seed);
    }

    /** An experiment that would run far longer than a test waits. */
    protected Experiment longExperiment() {
        return ContractExperiments.longRun(3);
    }

    /** {@code fits} plus more than the device can hold: by default a population of maxNeurons + 1. */
    protected Experiment tooLarge(Experiment fits, Capabilities c) {
        Assumptions.assumeTrue(c.maxNeurons() < Integer.MAX_VALUE - fits.network().neuronCount(),
                "the device states no neuron limit a population can exceed: override tooLarge");
        return ContractExperiments.withExtraPopulation(fits, "too-large", (int) c.maxNeurons() + 1);
    }

    /** The device URI the provenance names: the device's own URI unless it runs elsewhere (grpc://). */
    protected String provenanceUri(Device d) {
        return d.uri();
    }

    protected final Device device() {
        return device;
    }

    @BeforeEach
    void open() {
        device = openDevice();
        assertNotNull(device, "openDevice() returned null");
    }

    @AfterEach
    void close() {
        if (device != null) device.close();
    }

    @Test
    void sameSeedGivesTheSameBitsAndAnotherSeedOthers() {
        Experiment e = experiment(7);
        RunResult a = device.run(e), b = device.run(e);
        assertEquals(a.sha256(), b.sha256(), "two runs of the same experiment and seed");
        RunResult c = device.run(experiment(8));
        assertNotEquals(a.sha256(), c.sha256(), "another seed must change the random streams and so the result");
    }

    @Test
    void theFitCheckComesBeforeAnyRunAndNamesWhatDoesNotFit() {
        Experiment fits = experiment(7);
        FitReport ok = device.check(fits);
        assertTrue(ok.fits(), "the contract experiment must fit: " + ok);
        Experiment big = tooLarge(fits, device.capabilities());
        FitReport report;
        try {
            report = device.check(big);
        } catch (DoesNotFitException x) {   // a remote device may refuse to even ship it: the same report, thrown
            report = x.report();
        }
        assertFalse(report.fits(), "more than the device holds must not fit: " + report);
        assertNamed(report.errors());
        assertTrue(report.errors().stream().anyMatch(i -> i.element().startsWith("network")),
                "an element of the network is named: " + report);
        // submit refuses it itself, before a job exists: no run starts on a network that does not fit
        DoesNotFitException x = assertThrows(DoesNotFitException.class, () -> device.submit(big));
        assertEquals(report.errors().stream().map(FitReport.Issue::rule).toList(),
                x.report().errors().stream().map(FitReport.Issue::rule).toList(), "submit refuses for the rules check names");
    }

    @Test
    void aLongRunIsCancelledPromptly() throws Exception {
        Job job = device.submit(longExperiment());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (job.state() == Job.State.QUEUED && System.nanoTime() < until) Thread.sleep(5);
        job.cancel();
        long t0 = System.nanoTime();
        ExecutionException ex;
        try {
            job.result().get(CANCEL_SECONDS, TimeUnit.SECONDS);
            fail("a two-hour run cannot have finished");
            return;
        } catch (TimeoutException t) {
            fail("the run did not stop within " + CANCEL_SECONDS + " s of cancel()");
            return;
        } catch (ExecutionException e) {
            ex = e;
        }
        assertInstanceOf(CancelledException.class, ex.getCause(), "the job ends in CancelledException");
        assertThrows(CancelledException.class, job::await);
        while (job.state() != Job.State.CANCELLED && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(CANCEL_SECONDS)) {
            Thread.sleep(5);
        }
        assertEquals(Job.State.CANCELLED, job.state(), "the job reports it was cancelled");
    }

    @Test
    void everyRecordingComesBackInShapeWithItsProvenance() {
        Experiment e = experiment(7);
        RunResult r = device.run(e);
        double duration = e.protocol().duration();
        int traces = 0;
        for (Recording rec : e.protocol().recordings()) {
            switch (rec) {
                case Recording.Spikes s -> {
                    RunResult.SpikeData d = r.spikes().get(s.name());
                    assertNotNull(d, "spike recording " + s.name() + " is missing: " + r.spikes().keySet());
                    assertEquals(s.population(), d.population(), s.name());
                    assertEquals(d.times().length, d.neurons().length, s.name() + ": one neuron per spike time");
                    int size = population(e, s.population()).size();
                    for (int k = 0; k < d.count(); k++) {
                        assertTrue(d.neurons()[k] >= 0 && d.neurons()[k] < size, s.name() + ": neuron " + d.neurons()[k]);
                        assertTrue(d.times()[k] >= 0 && d.times()[k] < duration, s.name() + ": time " + d.times()[k]);
                        if (k > 0) assertTrue(d.times()[k] >= d.times()[k - 1], s.name() + ": spikes in time order");
                    }
                }
                case Recording.Trace t -> {
                    traces++;
                    RunResult.TraceData d = r.trace(t.name()).orElseThrow(() -> new AssertionError("trace " + t.name()
                            + " is missing: " + r.traces().stream().map(RunResult.TraceData::recording).toList()));
                    assertEquals(t.variable().name(), d.variable(), t.name());
                    assertFalse(d.labels().isEmpty(), t.name() + ": at least one series");
                    assertEquals(d.labels().size(), d.values().length, t.name() + ": one row per label");
                    double end = Math.min(duration, t.stop());
                    long expected = Math.round((end - t.start()) / t.interval());
                    assertTrue(Math.abs(d.times().length - expected) <= 1, t.name() + ": " + d.times().length
                            + " samples, expected about " + expected);
                    for (double[] row : d.values()) assertEquals(d.times().length, row.length, t.name() + ": one value per sample");
                    for (int k = 1; k < d.times().length; k++) {
                        assertEquals(t.interval(), d.times()[k] - d.times()[k - 1], 1e-9, t.name() + ": samples at the interval");
                    }
                }
            }
        }
        assertEquals(traces, r.traces().size(), "one trace per trace recording, no others");
        Provenance p = r.provenance();
        assertEquals(provenanceUri(device), p.deviceUri(), "provenance names the device");
        assertEquals(Provenance.digestOf(e), p.experimentSha256(), "provenance names the experiment");
        assertEquals(e.seed(), p.seed(), "provenance names the seed");
        assertEquals(e.name(), p.experimentName());
        assertFalse(p.engine() == null || p.engine().isBlank(), "provenance names the engine");
    }

    @Test
    void badInputIsRejectedNamingTheElement() {
        Experiment bad = ContractExperiments.withUnknownProjection(experiment(7));
        String name = ContractExperiments.MISSING_PROJECTION;
        try {
            FitReport report = device.check(bad);
            assertFalse(report.fits(), "a recording of an unknown projection must not pass the check");
            assertNamed(report.errors());
            assertTrue(report.errors().stream().anyMatch(i -> (i.element() + " " + i.message()).contains(name)
                            || i.element().contains("recordings")),
                    "the error names the recording or the projection: " + report);
        } catch (IllegalArgumentException x) {   // a device may refuse it as malformed instead of reporting it
            assertTrue(x.getMessage() != null && x.getMessage().contains(name), "the error names " + name + ": " + x.getMessage());
        }
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> device.submit(bad),
                "submit refuses it before any run");
        String text = x instanceof DoesNotFitException d ? d.report().toString() : x.getMessage();
        assertTrue(text.contains(name) || text.contains("recordings"), "the refusal names the element: " + text);
    }

    private static void assertNamed(List<FitReport.Issue> errors) {
        for (FitReport.Issue i : errors) {
            assertFalse(i.rule() == null || i.rule().isBlank(), "every error names its rule: " + i);
            assertFalse(i.element() == null || i.element().isBlank(), "every error names its element: " + i);
        }
    }

    private static Population population(Experiment e, String name) {
        return e.network().population(name).orElseThrow(() -> new AssertionError("no population " + name));
    }
}
