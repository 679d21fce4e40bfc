package org.engram.brainscales.virtual;

import org.engram.hal.device.Device;
import org.engram.hal.device.Devices;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.Experiment;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** brainscales2:virtual on static networks: found by URI, spikes and CADC traces, determinism, chip seeds. */
class VirtualDeviceTest {
    static final double T = 2.0;

    @Test
    void theDeviceIsFoundByItsUriAndRejectsUnknownOptions() {
        Device d = Devices.open("brainscales2:virtual?speedup=1000&seed=3");
        assertInstanceOf(VirtualDevice.class, d);
        assertEquals(3, ((VirtualDevice) d).options().chipSeed());
        var x = assertThrows(IllegalArgumentException.class, () -> Devices.open("brainscales2:virtual?warp=9"));
        assertTrue(x.getMessage().contains("warp"), x.getMessage());
    }

    @Test
    void feedForwardRatesMatchTheEmulator() {
        Experiment e = Chips.feedForward(40, 20, 0.5, 4.0, 30, T, 7);
        RunResult chip = Devices.open("brainscales2:virtual").run(e);
        RunResult ref = Devices.open("sim:float64").run(e);
        double rChip = Chips.rate(chip, "spikes-out", 20, T), rRef = Chips.rate(ref, "spikes-out", 20, T);
        double inChip = Chips.rate(chip, "spikes-in", 40, T);
        assertEquals(30, inChip, 3, "the host sources fire at the stimulus rate");
        System.out.printf("feed-forward: output %.2f Hz on the chip, %.2f Hz on float64%n", rChip, rRef);
        assertTrue(rRef > 2, "the reference network is active: " + rRef);
        assertEquals(rRef, rChip, 0.25 * rRef, "output rate, chip " + rChip + " Hz vs float64 " + rRef + " Hz");
        var v = chip.trace("v").orElseThrow();
        assertEquals(4, v.values().length);
        assertEquals(Math.round(T / 0.2e-3) + 1, v.times().length, "one CADC sample per 0.2 ms, both ends included");
        for (double[] s : v.values()) for (double x : s) assertTrue(x >= -75 && x <= -50, "V inside the CADC window: " + x);
        assertEquals("brainscales2-virtual", chip.provenance().engine());
        assertTrue(chip.provenance().engineVersion().contains("speed-up 1000x"), chip.provenance().engineVersion());
    }

    @Test
    void sameSeedsSameBitsAnotherChipAnotherResult() {
        Experiment e = Chips.feedForward(30, 10, 0.5, 2.5, 20, 1.0, 3);
        String a = Devices.open("brainscales2:virtual?seed=5").run(e).sha256();
        String b = Devices.open("brainscales2:virtual?seed=5").run(e).sha256();
        String c = Devices.open("brainscales2:virtual?seed=6").run(e).sha256();
        assertEquals(a, b, "same experiment and chip seeds: the same bits");
        assertNotEquals(a, c, "another chip (fixed-pattern noise) gives another result");
    }

    @Test
    void ffmAndJnaBindingsGiveTheSameBits() {
        Experiment e = Chips.feedForward(20, 10, 0.5, 4, 30, 0.5, 2);
        assertEquals(Devices.open("brainscales2:virtual?binding=ffm").run(e).sha256(),
                Devices.open("brainscales2:virtual?binding=jna").run(e).sha256());
    }

    @Test
    void unsupportedStimuliAreNamedInTheFitReport() {
        Experiment e = Chips.feedForward(4, 4, 1, 2, 10, 0.1, 1);
        var stim = new org.engram.hal.model.Stimulus.ForceFiring("kick", "out", org.engram.hal.model.NeuronSelection.ALL, 0, 0.01);
        var p = e.protocol();
        Experiment bad = e.withProtocol(new org.engram.hal.model.Protocol(p.duration(), p.dt(), java.util.List.of(stim),
                p.plasticity(), p.recordings()));
        var report = Devices.open("brainscales2:virtual").check(bad);
        assertFalse(report.fits());
        assertTrue(report.errors().stream().anyMatch(i -> i.rule().equals("force-firing") && i.element().equals("protocol.stimuli[0]")), report.toString());
    }

    @Test
    void aSourcesDeadTimeDropsItsTrainsSpikesOnTheHostAsTheEmulatorDoes() {
        var src = new org.engram.hal.model.Population("in", 1, org.engram.hal.model.NeuronKind.EXCITATORY, new org.engram.hal.model.SpikeSource(
                java.util.List.of(new org.engram.hal.model.SpikeTrain.Regular("r", org.engram.hal.model.NeuronSelection.ALL, 1000, 0, 0.1)), 2e-3),
                java.util.List.of());
        Experiment base = Chips.feedForward(1, 4, 1, 2, 10, 0.1, 1);
        Experiment e = new Experiment("dead", "", 1, new org.engram.hal.model.Network(java.util.List.of(src, base.network().populations().get(1)),
                base.network().projections()), base.protocol());
        double[] chip = Devices.open("brainscales2:virtual").run(e).spikes().get("spikes-in").times();
        double[] emulator = Devices.open("sim:").run(e).spikes().get("spikes-in").times();
        assertEquals(34, chip.length, "1 kHz with a 2 ms dead time: one spike every 3 ms");
        assertArrayEquals(emulator, chip, 1e-9);
    }
}
