package org.engram.hal.io;

import org.engram.hal.model.*;
import org.engram.hal.units.Dimension;
import org.engram.proto.v1.AllToAllConnector;
import org.engram.proto.v1.Connection;
import org.engram.proto.v1.ExplicitConnector;
import org.engram.proto.v1.FixedProbabilityConnector;
import org.engram.proto.v1.OneToOneConnector;
import org.engram.proto.v1.TwoPhaseSynapse;

/**
 * The inverse of {@link org.engram.hal.io.ExperimentCodec}: turns the immutable model back into the
 * {@code engram.v1.Experiment} message, so that a model experiment can travel to a remote device.
 *
 * <p>Every field is written explicitly. Quantities are written in the dimension's base unit with
 * {@link Double#toString(double)}, which the codec parses back to the identical double (the base unit's
 * factor is 1), so {@code ExperimentCodec.toModel(encode(e))} equals {@code e} exactly. Infinite bounds
 * (a spike recording to the end of the run, an open normal distribution) are written as the empty
 * string, the codec's "default".
 */
public final class ExperimentEncoder {
    private ExperimentEncoder() {}

    public static org.engram.proto.v1.Experiment encode(Experiment e) {
        return org.engram.proto.v1.Experiment.newBuilder()
                .setSchema(org.engram.hal.io.ExperimentCodec.SCHEMA)
                .setName(e.name())
                .setDescription(e.description())
                .setSeed(e.seed())
                .setNetwork(network(e.network()))
                .setProtocol(protocol(e.protocol()))
                .build();
    }

    static String q(double v, Dimension d) {
        if (Double.isInfinite(v)) return "";
        if (Double.isNaN(v)) throw new IllegalArgumentException("NaN cannot be encoded");
        return Double.toString(v) + " " + d.baseUnit();
    }

    private static String t(double seconds) {
        return q(seconds, Dimension.TIME);
    }

    private static String mv(double v) {
        return q(v, Dimension.VOLTAGE);
    }

    // ---------------------------------------------------------------- network

    private static org.engram.proto.v1.Network network(Network n) {
        var b = org.engram.proto.v1.Network.newBuilder();
        for (Population p : n.populations()) b.addPopulations(population(p));
        for (Projection p : n.projections()) b.addProjections(projection(p, n));
        return b.build();
    }

    private static org.engram.proto.v1.Population population(Population p) {
        var b = org.engram.proto.v1.Population.newBuilder()
                .setName(p.name())
                .setSize(p.size())
                .setKind(org.engram.proto.v1.NeuronKind.valueOf(p.kind().name()));
        switch (p.model()) {
            case LifParameters l -> b.setLif(org.engram.proto.v1.LifParameters.newBuilder()
                    .setTauMem(t(l.tauMem()))
                    .setResistance(q(l.resistance(), Dimension.RESISTANCE))
                    .setVRest(mv(l.vRest()))
                    .setVThreshold(mv(l.vThreshold()))
                    .setVReset(mv(l.vReset()))
                    .setTRef(t(l.tRef()))
                    .setTauSyn(t(l.tauSyn())));
            case RateParameters r -> b.setRate(org.engram.proto.v1.RateParameters.newBuilder()
                    .setTau(t(r.tau()))
                    .setActivation(org.engram.proto.v1.Activation.valueOf(r.activation().name()))
                    .setSigma(r.sigma())
                    .setVInit(r.vInit()));
            case InputSource in -> {
                var ib = org.engram.proto.v1.InputSource.newBuilder()
                        .setSampleInterval(t(in.sampleInterval())).setZscore(in.zscore());
                switch (in.series()) {
                    case InputSource.Generator g -> ib.setGenerator(org.engram.proto.v1.TimeSeriesGenerator.newBuilder()
                            .setName(g.name()).putAllParameters(g.parameters()).setSeed(g.seed()));
                    case InputSource.Data d -> {
                        var db = org.engram.proto.v1.TimeSeriesData.newBuilder();
                        for (int i = 0; i < d.length(); i++) db.addValues(d.at(i));
                        ib.setData(db);
                    }
                }
                b.setInput(ib);
            }
            case SpikeSource src -> {
                var sb = org.engram.proto.v1.SpikeSource.newBuilder().setDeadTime(t(src.deadTime()));
                for (SpikeTrain tr : src.trains()) sb.addTrains(train(tr));
                b.setSource(sb);
            }
        }
        for (Heterogeneity h : p.heterogeneity()) {
            Dimension d = p.model().parameter(h.parameter()).dimension();
            var hb = org.engram.proto.v1.Heterogeneity.newBuilder().setParameter(h.parameter()).setSeed(h.seed());
            if (h.distribution() != null) hb.setDistribution(distribution(h.distribution(), d));
            else hb.setValues(values(h.values(), d));
            b.addHeterogeneity(hb);
        }
        return b.build();
    }

    /** A value in the base unit of {@code d}, or a plain number when dimensionless ({@code d == null}). */
    private static String v(double x, Dimension d) {
        if (d != null) return q(x, d);
        if (Double.isInfinite(x)) return "";
        return Double.toString(x);
    }

    private static org.engram.proto.v1.Values values(double[] a, Dimension d) {
        var vb = org.engram.proto.v1.Values.newBuilder().setUnit(d == null ? "" : d.baseUnit());
        for (double x : a) vb.addValues(x);
        return vb.build();
    }

    private static org.engram.proto.v1.Distribution distribution(Distribution dist, Dimension d) {
        var b = org.engram.proto.v1.Distribution.newBuilder();
        switch (dist) {
            case Distribution.Normal n -> b.setNormal(org.engram.proto.v1.NormalDistribution.newBuilder()
                    .setMean(v(n.mean(), d)).setSd(v(n.sd(), d)).setMin(v(n.min(), d)).setMax(v(n.max(), d)));
            case Distribution.Uniform u -> b.setUniform(org.engram.proto.v1.UniformDistribution.newBuilder()
                    .setLow(v(u.low(), d)).setHigh(v(u.high(), d)));
            case Distribution.LogNormal ln -> b.setLognormal(org.engram.proto.v1.LogNormalDistribution.newBuilder()
                    .setMedian(v(ln.median(), d)).setSigma(ln.sigma()));
            case Distribution.LogNormalMeanCv ln -> b.setLognormal(org.engram.proto.v1.LogNormalDistribution.newBuilder()
                    .setMean(v(ln.mean(), d)).setCv(ln.cv()));
            case Distribution.Gamma g -> b.setGamma(org.engram.proto.v1.GammaDistribution.newBuilder()
                    .setMean(v(g.mean(), d)).setCv(g.cv()));
        }
        return b.build();
    }

    private static org.engram.proto.v1.SynapseValues synapseValues(SynapseValues sv, Dimension d) {
        var b = org.engram.proto.v1.SynapseValues.newBuilder();
        switch (sv) {
            case SynapseValues.Drawn dr -> b.setDistribution(distribution(dr.distribution(), d)).setSeed(dr.seed());
            case SynapseValues.PerSynapse ps -> b.setValues(values(ps.values(), d));
        }
        return b.build();
    }

    private static org.engram.proto.v1.Projection projection(Projection p, Network n) {
        // weights onto LIF neurons are potentials (mV); onto rate neurons dimensionless
        Dimension weightDim = n.population(p.post()).orElseThrow().isLif() ? Dimension.VOLTAGE : null;
        var c = org.engram.proto.v1.Connector.newBuilder();
        switch (p.connector()) {
            case Connector.AllToAll a -> c.setAllToAll(AllToAllConnector.newBuilder().setAllowSelf(a.allowSelf()));
            case Connector.OneToOne o -> c.setOneToOne(OneToOneConnector.getDefaultInstance());
            case Connector.FixedProbability f -> c.setFixedProbability(FixedProbabilityConnector.newBuilder()
                    .setP(f.p()).setSeed(f.seed()).setAllowSelf(f.allowSelf()));
            case Connector.Explicit x -> {
                var eb = ExplicitConnector.newBuilder();
                for (int i = 0; i < x.size(); i++) eb.addConnections(Connection.newBuilder().setPre(x.preAt(i)).setPost(x.postAt(i)));
                c.setExplicit(eb);
            }
        }
        var s = org.engram.proto.v1.Synapse.newBuilder();
        switch (p.synapse()) {
            case SynapseType.Static st -> s.setStatic(org.engram.proto.v1.StaticSynapse.newBuilder().setWeight(v(st.weight(), weightDim)));
            case TwoPhaseRule r -> s.setTwoPhase(twoPhase(r));
        }
        var b = org.engram.proto.v1.Projection.newBuilder()
                .setName(p.name()).setPre(p.pre()).setPost(p.post())
                .setConnector(c).setSynapse(s).setDelay(t(p.delay()));
        if (p.weights() != null) b.setWeights(synapseValues(p.weights(), weightDim));
        if (p.delays() != null) b.setDelays(synapseValues(p.delays(), Dimension.TIME));
        return b.build();
    }

    private static TwoPhaseSynapse twoPhase(TwoPhaseRule r) {
        return TwoPhaseSynapse.newBuilder()
                .setH0(mv(r.h0())).setTauC(t(r.tauC())).setCalciumDelay(t(r.calciumDelay()))
                .setCPre(r.cPre()).setCPost(r.cPost())
                .setThetaP(r.thetaP()).setThetaD(r.thetaD())
                .setGammaP(r.gammaP()).setGammaD(r.gammaD())
                .setTauH(t(r.tauH())).setSigmaPl(mv(r.sigmaPl()))
                .setThetaTag(mv(r.thetaTag())).setThetaPro(mv(r.thetaPro()))
                .setTauP(t(r.tauP())).setTauZ(t(r.tauZ()))
                .setAlpha(r.alpha()).setHLtpTarget(mv(r.hLtpTarget())).setRelaxation(r.relaxation())
                .setZMin(r.zMin()).setZMax(r.zMax()).setHInit(mv(r.hInit())).setZInit(r.zInit())
                .setLtpGateRate(q(r.ltpGateRate(), Dimension.FREQUENCY)).setLtpGateWindow(t(r.ltpGateWindow()))
                .build();
    }

    // ---------------------------------------------------------------- protocol

    private static org.engram.proto.v1.Protocol protocol(Protocol p) {
        var b = org.engram.proto.v1.Protocol.newBuilder().setDuration(t(p.duration())).setDt(t(p.dt()));
        for (Stimulus s : p.stimuli()) b.addStimuli(stimulus(s));
        for (PlasticityWindow w : p.plasticity()) {
            b.addPlasticity(org.engram.proto.v1.PlasticityWindow.newBuilder()
                    .setStart(t(w.start())).setStop(t(w.stop())).setEnabled(w.enabled()));
        }
        for (Recording r : p.recordings()) b.addRecordings(recording(r));
        for (FastForward f : p.fastForward()) {
            b.addFastForward(org.engram.proto.v1.FastForward.newBuilder().setStart(t(f.start())).setStop(t(f.stop())));
        }
        for (Analysis a : p.analyses()) b.addAnalyses(analysis(a));
        return b.build();
    }

    static org.engram.proto.v1.NeuronSelection selection(NeuronSelection s) {
        var b = org.engram.proto.v1.NeuronSelection.newBuilder().setFirst(s.first()).setCount(s.count()).setInvert(s.invert());
        for (int i : s.indices()) b.addNeurons(i);
        return b.build();
    }

    private static org.engram.proto.v1.Stimulus stimulus(Stimulus s) {
        var b = org.engram.proto.v1.Stimulus.newBuilder().setName(s.name()).setTarget(s.target()).setSelect(selection(s.select()));
        switch (s) {
            case Stimulus.ForceFiring f -> b.setForceFiring(org.engram.proto.v1.ForceFiringStimulus.newBuilder()
                    .setStart(t(f.start())).setStop(t(f.stop())));
            case Stimulus.OuCurrent o -> b.setOuCurrent(org.engram.proto.v1.OuCurrentStimulus.newBuilder()
                    .setMean(q(o.mean(), Dimension.CURRENT)).setSd(q(o.sd(), Dimension.CURRENT)).setTau(t(o.tau()))
                    .setStart(t(o.start())).setStop(t(o.stop())));
        }
        return b.build();
    }

    private static org.engram.proto.v1.SpikeTrain train(SpikeTrain tr) {
        var b = org.engram.proto.v1.SpikeTrain.newBuilder().setName(tr.name()).setSelect(selection(tr.select()));
        switch (tr) {
            case SpikeTrain.Poisson p -> b.setPoisson(org.engram.proto.v1.PoissonTrain.newBuilder()
                    .setRate(q(p.rate(), Dimension.FREQUENCY)).setStart(t(p.start())).setStop(t(p.stop()))
                    .setRepeats(p.repeats()).setPeriod(t(p.period())));
            case SpikeTrain.Regular r -> b.setRegular(org.engram.proto.v1.RegularTrain.newBuilder()
                    .setRate(q(r.rate(), Dimension.FREQUENCY)).setStart(t(r.start())).setStop(t(r.stop())));
            case SpikeTrain.SpikeTimes st -> {
                var tb = org.engram.proto.v1.SpikeTimesTrain.newBuilder();
                for (double x : st.times()) tb.addTimes(t(x));
                b.setSpikeTimes(tb);
            }
            case SpikeTrain.Bursts bu -> b.setBursts(org.engram.proto.v1.BurstTrain.newBuilder()
                    .setStart(t(bu.start())).setCount(bu.count()).setPeriod(t(bu.period())).setSpikes(bu.spikes())
                    .setFrequency(q(bu.frequency(), Dimension.FREQUENCY))
                    .setRepeats(bu.repeats()).setRepeatPeriod(t(bu.repeatPeriod())));
        }
        return b.build();
    }

    private static org.engram.proto.v1.Recording recording(Recording r) {
        var b = org.engram.proto.v1.Recording.newBuilder().setName(r.name());
        switch (r) {
            case Recording.Spikes s -> b.setSpikes(org.engram.proto.v1.SpikeRecording.newBuilder()
                    .setPopulation(s.population()).setSelect(selection(s.select())).setStart(t(s.start())).setStop(t(s.stop())));
            case Recording.Trace tr -> {
                var tb = org.engram.proto.v1.TraceRecording.newBuilder()
                        .setVariable(org.engram.proto.v1.TraceVariable.valueOf(tr.variable().name()))
                        .setInterval(t(tr.interval())).setStart(t(tr.start())).setStop(t(tr.stop()))
                        .setReduce(tr.reduce() == Reduction.MEAN ? org.engram.proto.v1.Reduction.MEAN : org.engram.proto.v1.Reduction.NONE);
                if (tr.variable().perSynapse()) {
                    tb.setProjection(tr.projection());
                    for (Recording.SynapseRef s : tr.synapses()) {
                        tb.addSynapses(org.engram.proto.v1.SynapseRef.newBuilder().setPre(s.pre()).setPost(s.post()));
                    }
                    if (!tr.preSelect().selectsAll()) tb.setPreSelect(selection(tr.preSelect()));
                    if (!tr.postSelect().selectsAll()) tb.setPostSelect(selection(tr.postSelect()));
                } else {
                    tb.setPopulation(tr.population()).setSelect(selection(tr.select()));
                }
                b.setTrace(tb);
            }
        }
        return b.build();
    }

    private static org.engram.proto.v1.Analysis analysis(Analysis a) {
        var b = org.engram.proto.v1.Analysis.newBuilder().setName(a.name());
        switch (a) {
            case Analysis.PatternCompletion p -> b.setPatternCompletion(org.engram.proto.v1.PatternCompletion.newBuilder()
                    .setSpikes(p.spikes()).setAssembly(selection(p.assembly())).setRecalled(selection(p.recalled()))
                    .setStart(t(p.start())).setStop(t(p.stop())));
            case Analysis.AssemblyActivation x -> {
                var ab = org.engram.proto.v1.AssemblyActivation.newBuilder()
                        .setSpikes(x.spikes()).setStart(t(x.start())).setStop(t(x.stop())).setBin(t(x.bin()))
                        .setMinTotal(x.minTotal()).setMinAssembly(x.minAssembly());
                for (Analysis.NamedSelection s : x.assemblies()) {
                    ab.addAssemblies(org.engram.proto.v1.NamedSelection.newBuilder().setName(s.name()).setSelect(selection(s.select())));
                }
                b.setAssemblyActivation(ab);
            }
        }
        return b.build();
    }
}
