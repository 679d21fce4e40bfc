package org.engram.cli;

import org.engram.hal.device.RunResult;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.Population;
import org.engram.hal.model.Recording;
import org.engram.hal.model.TraceVariable;
import org.engram.proto.v1.Provenance;
import org.engram.proto.v1.RunSummary;
import org.engram.proto.v1.SpikeCount;
import org.engram.proto.v1.SynapseSummary;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** Builds the {@code engram.v1.RunSummary} message of a run: provenance, spike counts, synapses, files, hash. */
final class SummaryBuilder {
    private SummaryBuilder() {}

    static RunSummary build(Experiment experiment, RunResult result, List<String> files, String resultSha256) {
        RunSummary.Builder b = RunSummary.newBuilder()
                .setProvenance(provenance(result.provenance()))
                .addAllFiles(files)
                .setResultSha256(resultSha256);
        for (String name : ResultWriter.spikeRecordingsInOrder(experiment, result)) {
            RunResult.SpikeData s = result.spikes().get(name);
            b.addSpikeCounts(SpikeCount.newBuilder()
                    .setPopulation(s.population())
                    .setSpikes(s.count())
                    .setMeanRateHz(meanRate(experiment, name, s)));
        }
        for (RunResult.SynapseState s : result.finalSynapses()) b.addSynapses(synapse(experiment, result, s));
        return b.build();
    }

    /** Spikes per recorded neuron per second of biological time. */
    static double meanRate(Experiment experiment, String recording, RunResult.SpikeData s) {
        int neurons = experiment.network().population(s.population()).map(Population::size).orElse(1);
        for (Recording r : experiment.protocol().recordings()) {
            if (r instanceof Recording.Spikes sp && sp.name().equals(recording) && sp.select() != null) {
                neurons = sp.select().resolve(neurons).length;
            }
        }
        return s.count() / (Math.max(1, neurons) * experiment.protocol().duration());
    }

    private static Provenance provenance(org.engram.hal.device.Provenance p) {
        return Provenance.newBuilder()
                .setDeviceUri(p.deviceUri())
                .setEngine(p.engine())
                .setEngineVersion(p.engineVersion())
                .setSeed(p.seed())
                .setExperimentName(p.experimentName())
                .setExperimentSha256(p.experimentSha256())
                .setStartedAt(p.startedAt().toString())
                .setWallSeconds(p.wallSeconds())
                .setSimulatedSeconds(p.simulatedSeconds())
                .setThreads(p.threads())
                .setHost(host())
                .build();
    }

    /** h_max/h_min stay unset (absent from the JSON) when no H trace recorded this synapse. */
    private static SynapseSummary synapse(Experiment experiment, RunResult result, RunResult.SynapseState s) {
        SynapseSummary.Builder b = SynapseSummary.newBuilder()
                .setProjection(s.projection()).setPre(s.pre()).setPost(s.post())
                .setHFinalMv(s.h()).setZFinal(s.z()).setWFinalMv(s.w());
        hSeries(experiment, result, s).ifPresent(h -> {
            double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
            for (double v : h) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
            if (h.length > 0) b.setHMaxMv(max).setHMinMv(min);
        });
        return b.build();
    }

    /** The samples of this synapse's H in any H trace of its projection (trace labels are "pre->post"). */
    static Optional<double[]> hSeries(Experiment experiment, RunResult result, RunResult.SynapseState s) {
        String label = s.pre() + "->" + s.post();
        for (Recording r : experiment.protocol().recordings()) {
            if (!(r instanceof Recording.Trace t) || t.variable() != TraceVariable.H
                    || !s.projection().equals(t.projection())) continue;
            Optional<RunResult.TraceData> data = result.trace(t.name());
            if (data.isEmpty()) continue;
            int k = data.get().labels().indexOf(label);
            if (k >= 0) return Optional.of(data.get().series(k));
        }
        return Optional.empty();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return ""; // provenance is best effort: an unresolvable host name must not fail a finished run
        }
    }
}
