package org.engram.cli;

import org.engram.hal.analysis.AnalysisResult;
import org.engram.hal.analysis.AssemblyActivationResult;
import org.engram.hal.analysis.PatternCompletionResult;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.FastForward;
import org.engram.hal.model.Population;
import org.engram.hal.model.Recording;
import org.engram.hal.model.TraceVariable;
import org.engram.proto.v1.AnalysisSummary;
import org.engram.proto.v1.AssemblyActivationSummary;
import org.engram.proto.v1.PatternCompletionSummary;
import org.engram.proto.v1.Provenance;
import org.engram.proto.v1.RunSummary;
import org.engram.proto.v1.SpikeCount;
import org.engram.proto.v1.SynapseSummary;
import org.engram.proto.v1.TimeWindow;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@code engram.v1.RunSummary} message of a run: provenance, spike counts, synapses, files, hash,
 * consolidation mode and analysis results.
 */
final class SummaryBuilder {
    private SummaryBuilder() {}

    static RunSummary build(Experiment experiment, RunResult result, List<AnalysisResult> analyses, List<String> files,
                            String resultSha256) {
        RunSummary.Builder b = RunSummary.newBuilder()
                .setProvenance(provenance(result.provenance()))
                .addAllFiles(files)
                .setResultSha256(resultSha256)
                .setConsolidation(Consolidation.label(experiment));
        for (FastForward f : experiment.protocol().fastForward()) {
            b.addFastForward(TimeWindow.newBuilder().setStartS(f.start()).setStopS(f.stop()));
        }
        for (AnalysisResult a : analyses) b.addAnalyses(analysis(a));
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

    /** Spikes per recorded neuron per second of biological time, over the recording's window. */
    static double meanRate(Experiment experiment, String recording, RunResult.SpikeData s) {
        int neurons = experiment.network().population(s.population()).map(Population::size).orElse(1);
        double span = experiment.protocol().duration();
        for (Recording r : experiment.protocol().recordings()) {
            if (r instanceof Recording.Spikes sp && sp.name().equals(recording) && sp.select() != null) {
                neurons = sp.select().resolve(neurons).length;
                span = Math.min(sp.stop(), span) - sp.start();
            }
        }
        return span > 0 ? s.count() / (Math.max(1, neurons) * span) : 0;
    }

    private static AnalysisSummary analysis(AnalysisResult a) {
        return switch (a) {
            case PatternCompletionResult r -> AnalysisSummary.newBuilder().setName(r.name())
                    .setPatternCompletion(PatternCompletionSummary.newBuilder()
                            .setStartS(r.start()).setStopS(r.stop()).setQ(r.q())
                            .setRateStimulatedHz(r.rateStimulated()).setRateNonStimulatedHz(r.rateNonStimulated())
                            .setRateControlHz(r.rateControl())
                            .setNStimulated(r.nStimulated()).setNNonStimulated(r.nNonStimulated()).setNControl(r.nControl())
                            .setReason(r.reason()))
                    .build();
            case AssemblyActivationResult r -> {
                AssemblyActivationSummary.Builder b = AssemblyActivationSummary.newBuilder()
                        .setStartS(r.start()).setStopS(r.stop()).setBinS(r.bin())
                        .setMinTotal(r.minTotal()).setMinAssembly(r.minAssembly())
                        .setBinsTotal(r.binsTotal())
                        .setBinsNone(r.binsNone()).setFractionNone(r.fractionNone())
                        .setBinsActive(r.binsActive()).setFractionActive(r.fractionActive())
                        .setReason(r.reason());
                for (AssemblyActivationResult.Assembly x : r.assemblies()) {
                    b.addAssemblies(AssemblyActivationSummary.Assembly.newBuilder()
                            .setName(x.name()).setFraction(x.fraction()).setBins(x.bins()).setNeurons(x.neurons()));
                }
                yield AnalysisSummary.newBuilder().setName(r.name()).setAssemblyActivation(b).build();
            }
        };
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
