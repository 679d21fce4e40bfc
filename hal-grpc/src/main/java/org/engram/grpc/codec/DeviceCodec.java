package org.engram.grpc.codec;

import org.engram.hal.device.Capabilities;
import org.engram.hal.device.FitReport;
import org.engram.hal.device.TimeBase;
import org.engram.proto.v1.CapabilitiesData;
import org.engram.proto.v1.FitIssue;
import org.engram.proto.v1.FitReportData;
import org.engram.proto.v1.TimeBaseData;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@link Capabilities} and {@link FitReport} to and from messages. */
public final class DeviceCodec {
    private DeviceCodec() {}

    public static CapabilitiesData capabilities(Capabilities c) {
        TimeBase tb = c.timeBase();
        return CapabilitiesData.newBuilder().setEngine(c.engine())
                .addAllNeuronModels(c.neuronModels().stream().sorted().toList())
                .addAllSynapseModels(c.synapseModels().stream().sorted().toList())
                .addAllStimuli(c.stimuli().stream().sorted().toList())
                .setMaxNeurons(c.maxNeurons()).setMaxSynapses(c.maxSynapses()).setWeightBits(c.weightBits())
                .setTimeBase(TimeBaseData.newBuilder().setTickS(tb.tick()).setSpeedUp(tb.speedUp()).setMaxTicks(tb.maxTicks()))
                .setDeterministic(c.deterministic()).build();
    }

    public static Capabilities capabilities(CapabilitiesData c) {
        TimeBaseData tb = c.getTimeBase();
        return new Capabilities(c.getEngine(), Set.copyOf(c.getNeuronModelsList()), Set.copyOf(c.getSynapseModelsList()),
                Set.copyOf(c.getStimuliList()), c.getMaxNeurons(), c.getMaxSynapses(), c.getWeightBits(),
                new TimeBase(tb.getTickS(), tb.getSpeedUp(), tb.getMaxTicks()), c.getDeterministic());
    }

    public static FitReportData fitReport(FitReport r) {
        var b = FitReportData.newBuilder().setDeviceUri(r.deviceUri()).setFits(r.fits());
        for (FitReport.Issue i : r.issues()) {
            b.addIssues(FitIssue.newBuilder()
                    .setSeverity(i.severity() == FitReport.Severity.ERROR ? FitIssue.Severity.ERROR : FitIssue.Severity.WARNING)
                    .setRule(i.rule()).setElement(i.element()).setMessage(i.message()).setRemedy(i.remedy()));
        }
        return b.build();
    }

    /** The report as the serving device wrote it (its device URI is the server-side one, e.g. "sim:"). */
    public static FitReport fitReport(FitReportData d) {
        List<FitReport.Issue> issues = new ArrayList<>();
        for (FitIssue i : d.getIssuesList()) {
            issues.add(new FitReport.Issue(i.getSeverity() == FitIssue.Severity.WARNING ? FitReport.Severity.WARNING : FitReport.Severity.ERROR,
                    i.getRule(), i.getElement(), i.getMessage(), i.getRemedy()));
        }
        return new FitReport(d.getDeviceUri(), issues);
    }
}
