package org.engram.hal.io;

import org.engram.hal.model.*;
import org.engram.hal.model.LifParameters;
import org.engram.hal.model.Activation;
import org.engram.hal.model.InputSource;
import org.engram.hal.model.RateParameters;
import org.engram.hal.model.SynapseValues;
import org.engram.proto.v1.Values;
import org.engram.hal.model.FastForward;
import org.engram.hal.model.Reduction;
import org.engram.hal.model.SpikeSource;
import org.engram.hal.model.SpikeTrain;
import org.engram.hal.units.Dimension;
import org.engram.hal.units.Quantities;
import org.engram.proto.v1.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns an {@code engram.v1.Experiment} message into the immutable model, checking every field:
 * units, NaN and negative values, dangling names, out-of-range indices. All problems are collected
 * and reported together, each with its field path.
 */
public final class ExperimentCodec {
    public static final String SCHEMA = "engram.v1";

    private final List<ExperimentFormatException.Problem> problems = new ArrayList<>();
    /** The valid populations and projections of a network that has problems. */
    private org.engram.hal.model.Network validPart;

    private ExperimentCodec() {}

    public static org.engram.hal.model.Experiment toModel(org.engram.proto.v1.Experiment msg, String source) {
        ExperimentCodec c = new ExperimentCodec();
        org.engram.hal.model.Experiment e = c.experiment(msg);
        if (!c.problems.isEmpty() || e == null) throw new ExperimentFormatException(source, c.problems);
        return e;
    }

    // ------------------------------------------------------------------ helpers

    private void fail(String path, String message) {
        problems.add(new ExperimentFormatException.Problem(path, message));
    }

    /** Runs a model constructor; its IllegalArgumentException becomes a problem at {@code path}. */
    private <T> T build(String path, Supplier<T> ctor) {
        try {
            return ctor.get();
        } catch (IllegalArgumentException | NullPointerException ex) {
            fail(path, ex.getMessage());
            return null;
        }
    }

    private double quantity(String path, String text, Dimension dim, double dflt) {
        if (text.isBlank()) return dflt;
        try {
            return Quantities.parse(text, dim);
        } catch (IllegalArgumentException ex) {
            fail(path, ex.getMessage());
            return dflt;
        }
    }

    /** A time that another field path already checks: its problems are not reported twice. */
    private static double quietQuantity(String text, double dflt) {
        if (text.isBlank()) return dflt;
        try {
            return Quantities.parse(text, Dimension.TIME);
        } catch (IllegalArgumentException ex) {
            return dflt;
        }
    }

    private double positive(String path, String text, Dimension dim, double dflt) {
        double v = quantity(path, text, dim, dflt);
        if (!(v > 0)) fail(path, "must be positive, got '" + text + "'");
        return v;
    }

    private double nonNegative(String path, String text, Dimension dim, double dflt) {
        double v = quantity(path, text, dim, dflt);
        if (v < 0) fail(path, "must not be negative, got '" + text + "'");
        return v;
    }

    private double number(String path, boolean present, double value, double dflt) {
        if (!present) return dflt;
        if (!Double.isFinite(value)) fail(path, "must be a finite number, got " + value);
        return value;
    }

    // ------------------------------------------------------------------ messages

    private org.engram.hal.model.Experiment experiment(org.engram.proto.v1.Experiment m) {
        if (!m.getSchema().isEmpty() && !m.getSchema().equals(SCHEMA)) {
            fail("schema", "unsupported schema '" + m.getSchema() + "': this version reads " + SCHEMA);
        }
        String name = m.getName().isBlank() ? "experiment" : m.getName();
        if (!m.hasNetwork()) fail("network", "missing: an experiment needs a network");
        if (!m.hasProtocol()) fail("protocol", "missing: an experiment needs a protocol");
        runDuration = m.getProtocol().getDuration().isBlank() ? Double.POSITIVE_INFINITY
                : quietQuantity(m.getProtocol().getDuration(), Double.POSITIVE_INFINITY);
        org.engram.hal.model.Network net = m.hasNetwork() ? network(m.getNetwork()) : null;
        // check the protocol even when the network has problems, against its valid part, so that one
        // pass reports everything
        org.engram.hal.model.Network checkAgainst = net != null ? net : validPart;
        org.engram.hal.model.Protocol proto = m.hasProtocol() && checkAgainst != null ? protocol(m.getProtocol(), checkAgainst) : null;
        if (net == null || proto == null || !problems.isEmpty()) return null;
        return build("", () -> new org.engram.hal.model.Experiment(name, m.getDescription(), m.getSeed(), net, proto));
    }

    /** The run's duration (s), for source trains' defaults and bounds; infinite while unknown. */
    private double runDuration = Double.POSITIVE_INFINITY;

    private org.engram.hal.model.Network network(org.engram.proto.v1.Network m) {
        List<org.engram.hal.model.Population> pops = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < m.getPopulationsCount(); i++) {
            String path = "network.populations[" + i + "]";
            var p = population(path, m.getPopulations(i));
            if (p == null) continue;
            if (!names.add(p.name())) fail(path + ".name", "duplicate population name '" + p.name() + "'");
            else pops.add(p);
        }
        if (m.getPopulationsCount() == 0) fail("network.populations", "a network needs at least one population");
        List<org.engram.hal.model.Projection> projs = new ArrayList<>();
        Set<String> projNames = new HashSet<>();
        for (int i = 0; i < m.getProjectionsCount(); i++) {
            String path = "network.projections[" + i + "]";
            var p = projection(path, m.getProjections(i), pops);
            if (p == null) continue;
            if (!projNames.add(p.name())) fail(path + ".name", "duplicate projection name '" + p.name() + "'");
            else projs.add(p);
        }
        try {
            validPart = new org.engram.hal.model.Network(pops, projs);
        } catch (IllegalArgumentException ex) {
            validPart = null;
        }
        if (!problems.isEmpty()) return null;
        return build("network", () -> new org.engram.hal.model.Network(pops, projs));
    }

    private org.engram.hal.model.Population population(String path, org.engram.proto.v1.Population m) {
        if (m.getName().isBlank()) fail(path + ".name", "missing: every population needs a name");
        if (m.getSize() == 0) fail(path + ".size", "must be at least 1");
        NeuronModel model = switch (m.getModelCase()) {
            case LIF -> lif(path + ".lif", m.getLif());
            case RATE -> rate(path + ".rate", m.getRate());
            case INPUT -> input(path + ".input", m.getInput(), m.getSize());
            case SOURCE -> source(path + ".source", m.getSource(), m.getName(), m.getSize());
            case MODEL_NOT_SET -> LifParameters.DEFAULT;
        };
        // spiking populations obey Dale's law unless told otherwise; rate and input populations mix signs
        boolean spiking = model == null || model.spiking();
        org.engram.hal.model.NeuronKind kind = switch (m.getKind()) {
            case INHIBITORY -> org.engram.hal.model.NeuronKind.INHIBITORY;
            case EXCITATORY -> org.engram.hal.model.NeuronKind.EXCITATORY;
            case MIXED -> org.engram.hal.model.NeuronKind.MIXED;
            case NEURON_KIND_UNSPECIFIED -> spiking ? org.engram.hal.model.NeuronKind.EXCITATORY : org.engram.hal.model.NeuronKind.MIXED;
            default -> {
                fail(path + ".kind", "unknown kind");
                yield org.engram.hal.model.NeuronKind.EXCITATORY;
            }
        };
        if (model instanceof InputSource && m.getHeterogeneityCount() > 0) {
            fail(path + ".heterogeneity", "an input population has no parameters to spread");
        }
        if (model instanceof SpikeSource && m.getHeterogeneityCount() > 0) {
            fail(path + ".heterogeneity", "a source population has no parameters to spread");
        }
        List<org.engram.hal.model.Heterogeneity> het = new ArrayList<>();
        for (int i = 0; i < m.getHeterogeneityCount() && model != null; i++) {
            var h = heterogeneity(path + ".heterogeneity[" + i + "]", m.getHeterogeneity(i), model, m.getSize());
            if (h != null) het.add(h);
        }
        if (model == null || m.getName().isBlank() || m.getSize() == 0) return null;
        return build(path, () -> new org.engram.hal.model.Population(m.getName(), m.getSize(), kind, model, het));
    }

    private RateParameters rate(String path, org.engram.proto.v1.RateParameters m) {
        RateParameters d = RateParameters.DEFAULT;
        double tau = positive(path + ".tau", m.getTau(), Dimension.TIME, d.tau());
        Activation f = switch (m.getActivation()) {
            case TANH, ACTIVATION_UNSPECIFIED -> Activation.TANH;
            case RELU -> Activation.RELU;
            case IDENTITY -> Activation.IDENTITY;
            default -> {
                fail(path + ".activation", "unknown activation: TANH, RELU or IDENTITY");
                yield Activation.TANH;
            }
        };
        double sigma = number(path + ".sigma", m.hasSigma(), m.getSigma(), d.sigma());
        if (sigma < 0) fail(path + ".sigma", "must not be negative, got " + sigma);
        double vInit = number(path + ".v_init", m.hasVInit(), m.getVInit(), d.vInit());
        return build(path, () -> new RateParameters(tau, f, sigma, vInit));
    }

    private InputSource input(String path, org.engram.proto.v1.InputSource m, int dims) {
        double interval = positive(path + ".sample_interval", m.getSampleInterval(), Dimension.TIME, InputSource.DEFAULT_SAMPLE_INTERVAL);
        InputSource.Series series = switch (m.getKindCase()) {
            case GENERATOR -> {
                var g = m.getGenerator();
                if (g.getName().isBlank()) fail(path + ".generator.name", "missing: e.g. lorenz");
                yield build(path + ".generator", () -> new InputSource.Generator(g.getName(), g.getParametersMap(), g.getSeed()));
            }
            case DATA -> {
                var v = m.getData().getValuesList();
                if (v.isEmpty()) fail(path + ".data.values", "empty: an input needs at least one sample");
                else if (dims > 0 && v.size() % dims != 0) {
                    fail(path + ".data.values", v.size() + " values are not a whole number of samples of " + dims
                            + " dimensions (the population's size)");
                }
                double[] a = new double[v.size()];
                for (int i = 0; i < a.length; i++) a[i] = v.get(i);
                yield build(path + ".data", () -> new InputSource.Data(a));
            }
            case FILE -> {
                fail(path + ".file", "input files are read when the experiment file is loaded (ExperimentFiles.read); "
                        + "an experiment sent to a device carries the samples as input.data");
                yield null;
            }
            case KIND_NOT_SET -> {
                fail(path, "missing: give generator, file or data");
                yield null;
            }
        };
        if (series == null) return null;
        return build(path, () -> new InputSource(series, interval, m.getZscore()));
    }

    private SpikeSource source(String path, org.engram.proto.v1.SpikeSource m, String popName, int size) {
        double deadTime = nonNegative(path + ".dead_time", m.getDeadTime(), Dimension.TIME, SpikeSource.DEFAULT_DEAD_TIME);
        var pop = size > 0 && !popName.isBlank() ? new org.engram.hal.model.Population(popName, size,
                org.engram.hal.model.NeuronKind.EXCITATORY) : null;
        List<SpikeTrain> trains = new ArrayList<>();
        for (int i = 0; i < m.getTrainsCount(); i++) {
            var t = train(path + ".trains[" + i + "]", m.getTrains(i), pop, popName + ".trains[" + i + "]");
            if (t != null) trains.add(t);
        }
        return build(path, () -> new SpikeSource(trains, deadTime));
    }

    private SpikeTrain train(String path, org.engram.proto.v1.SpikeTrain m, org.engram.hal.model.Population pop, String dflt) {
        var sel = selection(path + ".select", m.getSelect(), pop);
        String name = m.getName().isBlank() ? dflt : m.getName();
        double end = runDuration;
        return switch (m.getKindCase()) {
            case POISSON -> {
                var s = m.getPoisson();
                String p = path + ".poisson";
                double rate = nonNegative(p + ".rate", s.getRate(), Dimension.FREQUENCY, 0);
                if (s.getRate().isBlank()) fail(p + ".rate", "missing: the train's rate, e.g. '100 Hz'");
                double start = nonNegative(p + ".start", s.getStart(), Dimension.TIME, 0);
                double stop = nonNegative(p + ".stop", s.getStop(), Dimension.TIME, Double.isFinite(end) ? end : start);
                int repeats = s.getRepeats() == 0 ? 1 : s.getRepeats();
                double period = nonNegative(p + ".period", s.getPeriod(), Dimension.TIME, 0);
                if (repeats > 1 && s.getPeriod().isBlank()) fail(p + ".period", "missing: repeats > 1 needs a period");
                if (start >= end) fail(p + ".start", "the train starts at " + start + " s, at or after the end of the run (" + end + " s)");
                yield build(p, () -> new SpikeTrain.Poisson(name, sel, rate, start, stop, repeats, period));
            }
            case REGULAR -> {
                var s = m.getRegular();
                String p = path + ".regular";
                double rate = positive(p + ".rate", s.getRate(), Dimension.FREQUENCY, 1);
                double start = nonNegative(p + ".start", s.getStart(), Dimension.TIME, 0);
                double stop = nonNegative(p + ".stop", s.getStop(), Dimension.TIME, Double.isFinite(end) ? end : start);
                if (start >= end) fail(p + ".start", "the train starts at " + start + " s, at or after the end of the run (" + end + " s)");
                yield build(p, () -> new SpikeTrain.Regular(name, sel, rate, start, stop));
            }
            case SPIKE_TIMES -> {
                var s = m.getSpikeTimes();
                String p = path + ".spike_times";
                List<Double> times = new ArrayList<>();
                for (int i = 0; i < s.getTimesCount(); i++) {
                    double t = nonNegative(p + ".times[" + i + "]", s.getTimes(i), Dimension.TIME, 0);
                    if (t >= end) fail(p + ".times[" + i + "]", "spike at " + t + " s, at or after the end of the run (" + end + " s)");
                    times.add(t);
                }
                yield build(p, () -> new SpikeTrain.SpikeTimes(name, sel, times));
            }
            case BURSTS -> {
                var s = m.getBursts();
                String p = path + ".bursts";
                double start = nonNegative(p + ".start", s.getStart(), Dimension.TIME, 0);
                double period = positive(p + ".period", s.getPeriod(), Dimension.TIME, 1);
                double freq = positive(p + ".frequency", s.getFrequency(), Dimension.FREQUENCY, 1);
                double repeatPeriod = nonNegative(p + ".repeat_period", s.getRepeatPeriod(), Dimension.TIME, 0);
                int repeats = s.getRepeats() == 0 ? 1 : s.getRepeats();
                if (start >= end) fail(p + ".start", "the train starts at " + start + " s, at or after the end of the run (" + end + " s)");
                yield build(p, () -> new SpikeTrain.Bursts(name, sel, start, s.getCount(), period, s.getSpikes(), freq,
                        repeats, repeatPeriod));
            }
            case FILE -> {
                fail(path + ".file", "spike files are read when the experiment file is loaded (ExperimentFiles.read); "
                        + "an experiment sent to a device carries the spikes as spike_times trains");
                yield null;
            }
            case KIND_NOT_SET -> {
                fail(path, "missing: give poisson, regular, spike_times, bursts or file");
                yield null;
            }
        };
    }

    private LifParameters lif(String path, org.engram.proto.v1.LifParameters m) {
        LifParameters d = LifParameters.DEFAULT;
        double tauMem = positive(path + ".tau_mem", m.getTauMem(), Dimension.TIME, d.tauMem());
        double r = positive(path + ".resistance", m.getResistance(), Dimension.RESISTANCE, d.resistance());
        double vRest = quantity(path + ".v_rest", m.getVRest(), Dimension.VOLTAGE, d.vRest());
        double vTh = quantity(path + ".v_threshold", m.getVThreshold(), Dimension.VOLTAGE, d.vThreshold());
        double vReset = quantity(path + ".v_reset", m.getVReset(), Dimension.VOLTAGE, d.vReset());
        double tRef = nonNegative(path + ".t_ref", m.getTRef(), Dimension.TIME, d.tRef());
        double tauSyn = positive(path + ".tau_syn", m.getTauSyn(), Dimension.TIME, d.tauSyn());
        return build(path, () -> new LifParameters(tauMem, r, vRest, vTh, vReset, tRef, tauSyn));
    }

    private org.engram.hal.model.Heterogeneity heterogeneity(String path, org.engram.proto.v1.Heterogeneity m, NeuronModel model,
                                                             int size) {
        ModelParameter param = model.parameter(m.getParameter());
        if (param == null) {
            fail(path + ".parameter", "unknown " + model.modelName() + " parameter '" + m.getParameter() + "': one of "
                    + model.parameters().stream().map(ModelParameter::name).toList());
            return null;
        }
        if (m.hasDistribution() == m.hasValues()) {
            fail(path, "give a distribution or values (one value per neuron), not " + (m.hasValues() ? "both" : "neither"));
            return null;
        }
        if (m.hasValues()) {
            double[] v = values(path + ".values", m.getValues(), param.dimension());
            if (v == null) return null;
            if (v.length != size) fail(path + ".values", v.length + " values for a population of " + size + " neurons");
            for (int i = 0; i < v.length; i++) {
                if (param.positive() && !(v[i] > 0)) fail(path + ".values.values[" + i + "]", param.name() + " must be positive, got " + v[i]);
            }
            return build(path, () -> new org.engram.hal.model.Heterogeneity(param.name(), null, v, m.getSeed()));
        }
        String dp = path + ".distribution";
        org.engram.hal.model.Distribution dist = distribution(dp, m.getDistribution(), param.dimension());
        if (dist == null) return null;
        if (param.positive() && dist instanceof org.engram.hal.model.Distribution.Normal n && !(n.min() > 0)) {
            fail(dp + ".normal.min", "a time constant drawn from a normal distribution needs a positive min");
        }
        if (param.positive() && dist instanceof org.engram.hal.model.Distribution.Uniform u && !(u.low() > 0)) {
            fail(dp + ".uniform.low", param.name() + " must be positive: a uniform distribution for it needs a positive low");
        }
        return build(path, () -> new org.engram.hal.model.Heterogeneity(param.name(), dist, null, m.getSeed()));
    }

    /** A quantity in {@code dim}, or a plain number when {@code dim} is null (dimensionless). */
    private double value(String path, String text, Dimension dim, double dflt) {
        if (dim != null) return quantity(path, text, dim, dflt);
        if (text.isBlank()) return dflt;
        try {
            double v = Double.parseDouble(text.strip());
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        fail(path, "'" + text + "' is not a finite dimensionless number");
        return dflt;
    }

    /** Explicit values in their unit (the dimension's base unit when empty), converted to the base unit. */
    private double[] values(String path, Values m, Dimension dim) {
        double factor = 1;
        if (!m.getUnit().isBlank()) {
            if (dim == null) {
                fail(path + ".unit", "these values are dimensionless: leave the unit out, got '" + m.getUnit() + "'");
                return null;
            }
            try {
                factor = Quantities.parse("1 " + m.getUnit(), dim);
            } catch (IllegalArgumentException ex) {
                fail(path + ".unit", ex.getMessage());
                return null;
            }
        }
        double[] v = new double[m.getValuesCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = m.getValues(i) * factor;
            if (!Double.isFinite(v[i])) fail(path + ".values[" + i + "]", "must be finite, got " + m.getValues(i));
        }
        return v;
    }

    private org.engram.hal.model.Distribution distribution(String dp, org.engram.proto.v1.Distribution d, Dimension dim) {
        return switch (d.getKindCase()) {
            case NORMAL -> {
                var n = d.getNormal();
                double mean = value(dp + ".normal.mean", n.getMean(), dim, Double.NaN);
                double sd = value(dp + ".normal.sd", n.getSd(), dim, 0);
                if (sd < 0) fail(dp + ".normal.sd", "must not be negative, got '" + n.getSd() + "'");
                double min = value(dp + ".normal.min", n.getMin(), dim, Double.NEGATIVE_INFINITY);
                double max = value(dp + ".normal.max", n.getMax(), dim, Double.POSITIVE_INFINITY);
                if (n.getMean().isBlank()) fail(dp + ".normal.mean", "missing");
                yield build(dp + ".normal", () -> new org.engram.hal.model.Distribution.Normal(mean, sd, min, max));
            }
            case UNIFORM -> {
                var u = d.getUniform();
                double lo = value(dp + ".uniform.low", u.getLow(), dim, Double.NaN);
                double hi = value(dp + ".uniform.high", u.getHigh(), dim, Double.NaN);
                yield build(dp + ".uniform", () -> new org.engram.hal.model.Distribution.Uniform(lo, hi));
            }
            case LOGNORMAL -> {
                var l = d.getLognormal();
                boolean byMedian = !l.getMedian().isBlank(), byMean = !l.getMean().isBlank();
                if (byMedian == byMean) {
                    fail(dp + ".lognormal", "give median and sigma, or mean and cv");
                    yield null;
                }
                if (byMedian) {
                    if (l.hasCv()) fail(dp + ".lognormal.cv", "goes with mean, not median: give median and sigma, or mean and cv");
                    double med = value(dp + ".lognormal.median", l.getMedian(), dim, Double.NaN);
                    yield build(dp + ".lognormal", () -> new org.engram.hal.model.Distribution.LogNormal(med, l.getSigma()));
                }
                if (l.getSigma() != 0) fail(dp + ".lognormal.sigma", "goes with median, not mean: give median and sigma, or mean and cv");
                double mean = value(dp + ".lognormal.mean", l.getMean(), dim, Double.NaN);
                yield build(dp + ".lognormal", () -> new org.engram.hal.model.Distribution.LogNormalMeanCv(mean, l.getCv()));
            }
            case GAMMA -> {
                var g = d.getGamma();
                double mean = value(dp + ".gamma.mean", g.getMean(), dim, Double.NaN);
                yield build(dp + ".gamma", () -> new org.engram.hal.model.Distribution.Gamma(mean, g.getCv()));
            }
            case KIND_NOT_SET -> {
                fail(dp, "missing: give normal, uniform, lognormal or gamma");
                yield null;
            }
        };
    }

    private org.engram.hal.model.Projection projection(String path, org.engram.proto.v1.Projection m,
                                                       List<org.engram.hal.model.Population> pops) {
        var pre = pops.stream().filter(p -> p.name().equals(m.getPre())).findFirst();
        var post = pops.stream().filter(p -> p.name().equals(m.getPost())).findFirst();
        List<String> known = pops.stream().map(org.engram.hal.model.Population::name).toList();
        if (pre.isEmpty()) fail(path + ".pre", "no population named '" + m.getPre() + "' (known: " + known + ")");
        if (post.isEmpty()) fail(path + ".post", "no population named '" + m.getPost() + "' (known: " + known + ")");
        String name = m.getName().isBlank() ? m.getPre() + "->" + m.getPost() : m.getName();
        double delay = nonNegative(path + ".delay", m.getDelay(), Dimension.TIME, org.engram.hal.model.Projection.DEFAULT_DELAY);
        if (post.isPresent() && post.get().model() instanceof InputSource) {
            fail(path + ".post", "population '" + m.getPost() + "' is an input: it sends, it receives no projection");
        }
        if (post.isPresent() && post.get().isSource()) {
            fail(path + ".post", "population '" + m.getPost() + "' is a spike source: it sends, it receives no projection");
        }
        // weights onto LIF neurons are potentials (mV); onto rate neurons they are dimensionless
        Dimension weightDim = post.isPresent() && !post.get().isLif() ? null : Dimension.VOLTAGE;
        SynapseType syn = m.hasSynapse() ? synapse(path + ".synapse", m.getSynapse(), weightDim, m.hasWeights()) : null;
        if (!m.hasSynapse()) fail(path + ".synapse", "missing: give static or two_phase");
        if (!m.hasConnector()) fail(path + ".connector", "missing: give all_to_all, one_to_one, fixed_probability or explicit");
        if (pre.isEmpty() || post.isEmpty() || !m.hasConnector()) return null;
        int nPre = pre.get().size(), nPost = post.get().size();
        org.engram.hal.model.Connector conn = connector(path + ".connector", m.getConnector(), nPre, nPost);
        var preKind = pre.get().kind();
        if (syn instanceof TwoPhaseRule && preKind != org.engram.hal.model.NeuronKind.EXCITATORY) {
            fail(path + ".synapse.two_phase", "the two-phase rule applies to excitatory synapses: pre population '"
                    + m.getPre() + "' is " + preKind.name().toLowerCase());
        }
        if (syn instanceof TwoPhaseRule && !post.get().isLif()) {
            fail(path + ".synapse.two_phase", "the two-phase rule needs spiking (lif) post neurons: '" + m.getPost() + "' is "
                    + post.get().model().modelName());
        }
        if (syn instanceof SynapseType.Static s && !m.hasWeights()) dale(path + ".synapse.static.weight", s.weight(), weightDim, preKind, m.getPre());
        int synapses = conn == null ? -1 : synapseCount(conn, nPre, nPost, m.getPre().equals(m.getPost()));
        SynapseValues weights = m.hasWeights()
                ? synapseValues(path + ".weights", m.getWeights(), weightDim, synapses, preKind, m.getPre()) : null;
        SynapseValues delays = m.hasDelays() ? synapseValues(path + ".delays", m.getDelays(), Dimension.TIME, synapses, null, m.getPre()) : null;
        if (m.hasWeights() && syn instanceof TwoPhaseRule) {
            fail(path + ".weights", "per-synapse weights are for static synapses: a two-phase synapse's weight is its rule's h and z");
        }
        if (conn == null || syn == null || m.hasWeights() && weights == null || m.hasDelays() && delays == null) return null;
        return build(path, () -> new org.engram.hal.model.Projection(name, m.getPre(), m.getPost(), conn, syn, delay, weights, delays));
    }

    /** Dale's law: an excitatory population's weights are >= 0, an inhibitory one's <= 0; mixed ones any sign. */
    private void dale(String path, double w, Dimension dim, org.engram.hal.model.NeuronKind kind, String pre) {
        boolean contradicts = kind == org.engram.hal.model.NeuronKind.INHIBITORY && w > 0
                || kind == org.engram.hal.model.NeuronKind.EXCITATORY && w < 0;
        if (contradicts) {
            fail(path, "sign " + w + (dim == null ? "" : " " + dim.baseUnit()) + " contradicts the " + kind.name().toLowerCase() + " pre population '" + pre
                    + "' (Dale's law; a population of kind MIXED may send both signs)");
        }
    }

    /** Synapses a connector makes, when known without drawing (else -1: drawn connectors are counted by the device). */
    private static int synapseCount(org.engram.hal.model.Connector c, int nPre, int nPost, boolean same) {
        return switch (c) {
            case org.engram.hal.model.Connector.Explicit x -> x.size();
            case org.engram.hal.model.Connector.OneToOne o -> Math.min(nPre, nPost);
            case org.engram.hal.model.Connector.AllToAll a -> (int) Math.min(Integer.MAX_VALUE,
                    same && !a.allowSelf() ? (long) nPre * (nPre - 1) : (long) nPre * nPost);
            case org.engram.hal.model.Connector.FixedProbability f -> -1;
        };
    }

    private SynapseValues synapseValues(String path, org.engram.proto.v1.SynapseValues m, Dimension dim, int synapses,
                                        org.engram.hal.model.NeuronKind kind, String pre) {
        return switch (m.getKindCase()) {
            case VALUES -> {
                if (m.getSeed() != 0) fail(path + ".seed", "a seed goes with a drawn distribution, not with given values");
                double[] v = values(path + ".values", m.getValues(), dim);
                if (v == null) yield null;
                if (synapses >= 0 && v.length != synapses) {
                    fail(path + ".values", v.length + " values for " + synapses + " synapses (one per synapse, in connector order)");
                }
                for (int i = 0; i < v.length; i++) {
                    if (kind != null) dale(path + ".values.values[" + i + "]", v[i], dim, kind, pre);
                    else if (v[i] < 0) fail(path + ".values.values[" + i + "]", "a delay must not be negative, got " + v[i]);
                }
                yield build(path, () -> new SynapseValues.PerSynapse(v));
            }
            case DISTRIBUTION -> {
                var d = distribution(path + ".distribution", m.getDistribution(), dim);
                if (d == null) yield null;
                if (kind != null && !d.positiveOnly()) dale(path + ".distribution", d.centre(), dim, kind, pre);
                if (kind == null && d.centre() < 0) fail(path + ".distribution", "delays are not negative: centre " + d.centre() + " s");
                if (kind == org.engram.hal.model.NeuronKind.MIXED && d.positiveOnly()) {
                    fail(path + ".distribution", "lognormal and gamma give magnitudes whose sign comes from an excitatory or inhibitory "
                            + "pre population; '" + pre + "' is mixed: use normal or uniform");
                }
                yield build(path, () -> new SynapseValues.Drawn(d, m.getSeed()));
            }
            case KIND_NOT_SET -> {
                fail(path, "missing: give distribution or values");
                yield null;
            }
        };
    }

    private org.engram.hal.model.Connector connector(String path, org.engram.proto.v1.Connector m, int nPre, int nPost) {
        return switch (m.getKindCase()) {
            case ALL_TO_ALL -> new org.engram.hal.model.Connector.AllToAll(m.getAllToAll().getAllowSelf());
            case ONE_TO_ONE -> {
                if (nPre != nPost) {
                    fail(path + ".one_to_one", "needs equal population sizes, got " + nPre + " and " + nPost);
                    yield null;
                }
                yield new org.engram.hal.model.Connector.OneToOne();
            }
            case FIXED_PROBABILITY -> {
                var f = m.getFixedProbability();
                yield build(path + ".fixed_probability.p",
                        () -> new org.engram.hal.model.Connector.FixedProbability(f.getP(), f.getSeed(), f.getAllowSelf()));
            }
            case EXPLICIT -> {
                var list = m.getExplicit().getConnectionsList();
                int[] a = new int[list.size()], b = new int[list.size()];
                Set<Long> seen = new HashSet<>();
                for (int i = 0; i < a.length; i++) {
                    a[i] = list.get(i).getPre();
                    b[i] = list.get(i).getPost();
                    String cp = path + ".explicit.connections[" + i + "]";
                    if (a[i] >= nPre) fail(cp + ".pre", "index " + a[i] + " outside the pre population (size " + nPre + ")");
                    if (b[i] >= nPost) fail(cp + ".post", "index " + b[i] + " outside the post population (size " + nPost + ")");
                    if (!seen.add(((long) a[i] << 32) | b[i])) fail(cp, "duplicate connection (" + a[i] + ", " + b[i] + ")");
                }
                yield new org.engram.hal.model.Connector.Explicit(a, b);
            }
            case FROM_FILE -> {
                fail(path + ".from_file", "connection files are read when the experiment file is loaded (ExperimentFiles.read); "
                        + "an experiment sent to a device carries explicit connections");
                yield null;
            }
            case KIND_NOT_SET -> {
                fail(path, "missing: give all_to_all, one_to_one, fixed_probability, explicit or from_file");
                yield null;
            }
        };
    }

    private SynapseType synapse(String path, org.engram.proto.v1.Synapse m, Dimension weightDim, boolean perSynapseWeights) {
        return switch (m.getKindCase()) {
            case STATIC -> {
                String wp = path + ".static.weight";
                if (m.getStatic().getWeight().isBlank() && !perSynapseWeights) {
                    fail(wp, "missing (or give the projection per-synapse weights)");
                    yield null;
                }
                double w = value(wp, m.getStatic().getWeight(), weightDim, 0);
                yield new SynapseType.Static(w);
            }
            case TWO_PHASE -> twoPhase(path + ".two_phase", m.getTwoPhase());
            case KIND_NOT_SET -> {
                fail(path, "missing: give static or two_phase");
                yield null;
            }
        };
    }

    private TwoPhaseRule twoPhase(String p, TwoPhaseSynapse m) {
        TwoPhaseRule d = TwoPhaseRule.DEFAULT;
        double h0 = positive(p + ".h0", m.getH0(), Dimension.VOLTAGE, d.h0());
        double tauC = positive(p + ".tau_c", m.getTauC(), Dimension.TIME, d.tauC());
        double caDelay = nonNegative(p + ".calcium_delay", m.getCalciumDelay(), Dimension.TIME, d.calciumDelay());
        double cPre = number(p + ".c_pre", m.hasCPre(), m.getCPre(), d.cPre());
        double cPost = number(p + ".c_post", m.hasCPost(), m.getCPost(), d.cPost());
        double thetaP = number(p + ".theta_p", m.hasThetaP(), m.getThetaP(), d.thetaP());
        double thetaD = number(p + ".theta_d", m.hasThetaD(), m.getThetaD(), d.thetaD());
        double gammaP = number(p + ".gamma_p", m.hasGammaP(), m.getGammaP(), d.gammaP());
        double gammaD = number(p + ".gamma_d", m.hasGammaD(), m.getGammaD(), d.gammaD());
        double tauH = positive(p + ".tau_h", m.getTauH(), Dimension.TIME, d.tauH());
        double sigma = nonNegative(p + ".sigma_pl", m.getSigmaPl(), Dimension.VOLTAGE, d.sigmaPl());
        // theta_tag and theta_pro default to fractions of h0, so they follow a user's h0
        double thetaTag = nonNegative(p + ".theta_tag", m.getThetaTag(), Dimension.VOLTAGE, 0.2 * h0);
        double thetaPro = nonNegative(p + ".theta_pro", m.getThetaPro(), Dimension.VOLTAGE, 0.5 * h0);
        double tauP = positive(p + ".tau_p", m.getTauP(), Dimension.TIME, d.tauP());
        double tauZ = positive(p + ".tau_z", m.getTauZ(), Dimension.TIME, d.tauZ());
        double alpha = number(p + ".alpha", m.hasAlpha(), m.getAlpha(), d.alpha());
        double target = quantity(p + ".h_ltp_target", m.getHLtpTarget(), Dimension.VOLTAGE, d.hLtpTarget());
        double relax = number(p + ".relaxation", m.hasRelaxation(), m.getRelaxation(), d.relaxation());
        double zMin = number(p + ".z_min", m.hasZMin(), m.getZMin(), d.zMin());
        double zMax = number(p + ".z_max", m.hasZMax(), m.getZMax(), d.zMax());
        double hInit = quantity(p + ".h_init", m.getHInit(), Dimension.VOLTAGE, h0);
        double zInit = number(p + ".z_init", m.hasZInit(), m.getZInit(), d.zInit());
        double gateRate = nonNegative(p + ".ltp_gate_rate", m.getLtpGateRate(), Dimension.FREQUENCY, d.ltpGateRate());
        double gateWindow = positive(p + ".ltp_gate_window", m.getLtpGateWindow(), Dimension.TIME, d.ltpGateWindow());
        return build(p, () -> new TwoPhaseRule(h0, tauC, caDelay, cPre, cPost, thetaP, thetaD, gammaP, gammaD, tauH, sigma,
                thetaTag, thetaPro, tauP, tauZ, alpha, target, relax, zMin, zMax, hInit, zInit, gateRate, gateWindow));
    }

    // ------------------------------------------------------------------ protocol

    private org.engram.hal.model.Protocol protocol(org.engram.proto.v1.Protocol m, org.engram.hal.model.Network net) {
        if (m.getDuration().isBlank()) fail("protocol.duration", "missing: how long to run, e.g. '8 h'");
        double duration = positive("protocol.duration", m.getDuration(), Dimension.TIME, 1);
        double dt = nonNegative("protocol.dt", m.getDt(), Dimension.TIME, 0);
        if (dt > 0) poissonRates(net, dt);
        List<org.engram.hal.model.Stimulus> stimuli = new ArrayList<>();
        for (int i = 0; i < m.getStimuliCount(); i++) {
            var s = stimulus("protocol.stimuli[" + i + "]", m.getStimuli(i), net, duration, i);
            if (s != null) stimuli.add(s);
        }
        List<org.engram.hal.model.PlasticityWindow> windows = new ArrayList<>();
        for (int i = 0; i < m.getPlasticityCount(); i++) {
            String path = "protocol.plasticity[" + i + "]";
            var w = m.getPlasticity(i);
            double start = nonNegative(path + ".start", w.getStart(), Dimension.TIME, 0);
            double stop = nonNegative(path + ".stop", w.getStop(), Dimension.TIME, duration);
            var pw = build(path, () -> new org.engram.hal.model.PlasticityWindow(start, stop, w.getEnabled()));
            if (pw != null) windows.add(pw);
        }
        List<org.engram.hal.model.Recording> recs = new ArrayList<>();
        for (int i = 0; i < m.getRecordingsCount(); i++) {
            var r = recording("protocol.recordings[" + i + "]", m.getRecordings(i), net, duration, i);
            if (r != null) recs.add(r);
        }
        List<FastForward> fastForward = fastForward(m, duration);
        spikingOutsideFastForward(stimuli, m, net, fastForward);
        List<org.engram.hal.model.Analysis> analyses = new ArrayList<>();
        Set<String> analysisNames = new HashSet<>();
        for (int i = 0; i < m.getAnalysesCount(); i++) {
            String path = "protocol.analyses[" + i + "]";
            var a = analysis(path, m.getAnalyses(i), m, net, duration, fastForward, i);
            if (a == null) continue;
            if (!analysisNames.add(a.name())) fail(path + ".name", "duplicate analysis name '" + a.name() + "'");
            else analyses.add(a);
        }
        if (!problems.isEmpty()) return null;
        return build("protocol", () -> new org.engram.hal.model.Protocol(duration, dt, stimuli, windows, recs, fastForward, analyses));
    }

    /** A Poisson train draws at most one spike per step: a rate above 1/dt cannot be realised. */
    private void poissonRates(org.engram.hal.model.Network net, double dt) {
        for (int i = 0; i < net.populations().size(); i++) {
            if (!(net.populations().get(i).model() instanceof SpikeSource src)) continue;
            for (int k = 0; k < src.trains().size(); k++) {
                if (src.trains().get(k) instanceof SpikeTrain.Poisson p && p.rate() * dt > 1) {
                    fail("network.populations[" + i + "].source.trains[" + k + "].poisson.rate", "rate " + p.rate()
                            + " Hz exceeds one spike per step (" + 1 / dt + " Hz at dt " + dt + " s)");
                }
            }
        }
    }

    /** Windows in file order; each inside [0, duration], none overlapping another. */
    private List<FastForward> fastForward(org.engram.proto.v1.Protocol m, double duration) {
        List<FastForward> out = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < m.getFastForwardCount(); i++) {
            String path = "protocol.fast_forward[" + i + "]";
            var f = m.getFastForward(i);
            if (f.getStart().isBlank()) fail(path + ".start", "missing: when spiking stops, e.g. '12 s'");
            double start = nonNegative(path + ".start", f.getStart(), Dimension.TIME, 0);
            double stop = nonNegative(path + ".stop", f.getStop(), Dimension.TIME, duration);
            if (stop > duration) fail(path + ".stop", "ends after the run (" + stop + " s > duration " + duration + " s)");
            if (!(stop > start)) {
                fail(path, "stop (" + stop + " s) must come after start (" + start + " s)");
                continue;
            }
            FastForward ff = new FastForward(start, stop);
            for (int j = 0; j < out.size(); j++) {
                if (ff.overlaps(out.get(j).start(), out.get(j).stop())) fail(path, "overlaps " + paths.get(j));
            }
            out.add(ff);
            paths.add(path);
        }
        return out;
    }

    /**
     * Stimuli that make neurons spike would be lost in a fast-forward window, where neurons are silent:
     * an error rather than a quietly different experiment. Background (poisson, ou_current) just pauses.
     */
    private void spikingOutsideFastForward(List<org.engram.hal.model.Stimulus> stimuli, org.engram.proto.v1.Protocol m,
                                           org.engram.hal.model.Network net, List<FastForward> fastForward) {
        for (org.engram.hal.model.Stimulus s : stimuli) {
            if (!(s instanceof org.engram.hal.model.Stimulus.ForceFiring f)) continue;
            for (FastForward w : fastForward) {
                if (w.overlaps(f.start(), f.stop())) {
                    fail(stimulusPath(m, s), "stimulus '" + s.name() + "' is active during fast-forward window [" + w.start() + " s, "
                            + w.stop() + " s), where neurons are silent: move it or the window");
                }
            }
        }
        for (int i = 0; i < net.populations().size(); i++) {
            if (!(net.populations().get(i).model() instanceof SpikeSource src)) continue;
            for (int k = 0; k < src.trains().size(); k++) {
                SpikeTrain t = src.trains().get(k);
                double[] active = t.span();
                if (active == null) continue;
                for (FastForward w : fastForward) {
                    if (w.overlaps(active[0], active[1])) {
                        fail("network.populations[" + i + "].source.trains[" + k + "]", "train '" + t.name()
                                + "' spikes during fast-forward window [" + w.start() + " s, " + w.stop()
                                + " s), where neurons are silent: move it or the window");
                    }
                }
            }
        }
    }

    private static String stimulusPath(org.engram.proto.v1.Protocol m, org.engram.hal.model.Stimulus s) {
        for (int i = 0; i < m.getStimuliCount(); i++) {
            String name = m.getStimuli(i).getName().isBlank() ? "stimulus" + i : m.getStimuli(i).getName();
            if (name.equals(s.name())) return "protocol.stimuli[" + i + "]";
        }
        return "protocol.stimuli";
    }

    private org.engram.hal.model.Analysis analysis(String path, org.engram.proto.v1.Analysis m, org.engram.proto.v1.Protocol protocol,
                                                   org.engram.hal.model.Network net, double duration,
                                                   List<FastForward> fastForward, int index) {
        String name = m.getName().isBlank() ? "analysis" + index : m.getName();
        return switch (m.getKindCase()) {
            case PATTERN_COMPLETION -> patternCompletion(path + ".pattern_completion", name, m.getPatternCompletion(), protocol, net,
                    duration, fastForward);
            case ASSEMBLY_ACTIVATION -> assemblyActivation(path + ".assembly_activation", name, m.getAssemblyActivation(), protocol,
                    net, duration, fastForward);
            case KIND_NOT_SET -> {
                fail(path, "missing: give pattern_completion or assembly_activation");
                yield null;
            }
        };
    }

    private org.engram.hal.model.Analysis patternCompletion(String p, String name, PatternCompletion m, org.engram.proto.v1.Protocol protocol,
                                                            org.engram.hal.model.Network net, double duration,
                                                            List<FastForward> fastForward) {
        double start = nonNegative(p + ".start", m.getStart(), Dimension.TIME, 0);
        double stop = nonNegative(p + ".stop", m.getStop(), Dimension.TIME, duration);
        if (!(stop > start)) fail(p + ".stop", "must come after start (" + stop + " s <= " + start + " s)");
        if (stop > duration) fail(p + ".stop", "ends after the run (" + stop + " s > duration " + duration + " s)");
        for (FastForward f : fastForward) {
            if (f.overlaps(start, stop)) {
                fail(p, "window [" + start + " s, " + stop + " s) overlaps fast-forward window [" + f.start() + " s, " + f.stop()
                        + " s), where neurons are silent");
            }
        }
        if (!m.hasAssembly()) fail(p + ".assembly", "missing: the assembly's neurons, e.g. {first: 0, count: 150}");
        if (!m.hasRecalled()) fail(p + ".recalled", "missing: the assembly neurons the recall stimulates, e.g. {first: 0, count: 75}");
        // the referenced recording, as the file gives it (its own problems are reported at its own path)
        org.engram.proto.v1.SpikeRecording rec = null;
        for (int i = 0; i < protocol.getRecordingsCount(); i++) {
            var r = protocol.getRecordings(i);
            String rName = r.getName().isBlank() ? "recording" + i : r.getName();
            if (rName.equals(m.getSpikes()) && r.hasSpikes()) rec = r.getSpikes();
        }
        if (rec == null) {
            fail(p + ".spikes", (m.getSpikes().isBlank() ? "missing" : "no spike recording named '" + m.getSpikes() + "'")
                    + ": name the spike recording to read");
            return null;
        }
        var pop = net.population(rec.getPopulation()).orElse(null);
        if (pop == null) return null;
        var assembly = selection(p + ".assembly", m.getAssembly(), pop);
        var recalled = selection(p + ".recalled", m.getRecalled(), pop);
        var recorded = new org.engram.hal.model.NeuronSelection(rec.getSelect().getNeuronsList().stream().mapToInt(Integer::intValue).toArray(),
                rec.getSelect().getFirst(), rec.getSelect().getCount(), rec.getSelect().getInvert());
        boolean inRange = assembly.firstOutOfRange(pop.size()) < 0 && recalled.firstOutOfRange(pop.size()) < 0
                && recorded.firstOutOfRange(pop.size()) < 0;
        if (inRange && m.hasAssembly() && m.hasRecalled()) groups(p, assembly, recalled, recorded, pop);
        // the recording's own path reports its unreadable times
        double recStart = quietQuantity(rec.getStart(), 0);
        double recStop = quietQuantity(rec.getStop(), Double.POSITIVE_INFINITY);
        if (start < recStart || stop > recStop) {
            fail(p, "window [" + start + " s, " + stop + " s) is not inside the window of spike recording '" + m.getSpikes()
                    + "' [" + recStart + " s, " + recStop + " s)");
        }
        return build(p, () -> new org.engram.hal.model.Analysis.PatternCompletion(name, m.getSpikes(), assembly, recalled, start, stop));
    }

    /** The spike recording of this name as the file gives it (its own problems are reported at its own path), else null. */
    private static org.engram.proto.v1.SpikeRecording spikeRecording(org.engram.proto.v1.Protocol protocol, String name) {
        org.engram.proto.v1.SpikeRecording rec = null;
        for (int i = 0; i < protocol.getRecordingsCount(); i++) {
            var r = protocol.getRecordings(i);
            String rName = r.getName().isBlank() ? "recording" + i : r.getName();
            if (rName.equals(name) && r.hasSpikes()) rec = r.getSpikes();
        }
        return rec;
    }

    private org.engram.hal.model.Analysis assemblyActivation(String p, String name, AssemblyActivation m,
                                                             org.engram.proto.v1.Protocol protocol,
                                                             org.engram.hal.model.Network net, double duration,
                                                             List<FastForward> fastForward) {
        org.engram.proto.v1.SpikeRecording rec = spikeRecording(protocol, m.getSpikes());
        if (rec == null) {
            fail(p + ".spikes", (m.getSpikes().isBlank() ? "missing" : "no spike recording named '" + m.getSpikes() + "'")
                    + ": name the spike recording to read");
        }
        // the recording's own path reports its unreadable times; its window defaults to the whole run
        double recStart = rec == null ? 0 : quietQuantity(rec.getStart(), 0);
        double recStop = rec == null ? duration : Math.min(duration, quietQuantity(rec.getStop(), duration));
        double start = nonNegative(p + ".start", m.getStart(), Dimension.TIME, recStart);
        double stop = nonNegative(p + ".stop", m.getStop(), Dimension.TIME, recStop);
        double bin = positive(p + ".bin", m.getBin(), Dimension.TIME, org.engram.hal.model.Analysis.AssemblyActivation.DEFAULT_BIN);
        boolean window = true;
        if (!(stop > start)) {
            fail(p + ".stop", "must come after start (" + stop + " s <= " + start + " s)");
            window = false;
        }
        if (stop > duration) fail(p + ".stop", "ends after the run (" + stop + " s > duration " + duration + " s)");
        if (window && bin > 0 && Math.floor((stop - start) / bin + 1e-9) < 1) {
            fail(p + ".bin", "longer than the window [" + start + " s, " + stop + " s): no whole bin fits");
        }
        for (FastForward f : fastForward) {
            if (f.overlaps(start, stop)) {
                fail(p, "window [" + start + " s, " + stop + " s) overlaps fast-forward window [" + f.start() + " s, " + f.stop()
                        + " s), where neurons are silent");
            }
        }
        if (rec != null && (start < recStart || stop > recStop)) {
            fail(p, "window [" + start + " s, " + stop + " s) is not inside the window of spike recording '" + m.getSpikes()
                    + "' [" + recStart + " s, " + recStop + " s)");
        }
        if (m.getAssembliesCount() == 0) fail(p + ".assemblies", "missing: the assemblies to detect, e.g. [{name: A, select: {first: 0, count: 150}}]");
        var pop = rec == null ? null : net.population(rec.getPopulation()).orElse(null);
        var recorded = rec == null ? null : new org.engram.hal.model.NeuronSelection(
                rec.getSelect().getNeuronsList().stream().mapToInt(Integer::intValue).toArray(),
                rec.getSelect().getFirst(), rec.getSelect().getCount(), rec.getSelect().getInvert());
        boolean[] isRecorded = pop != null && recorded.firstOutOfRange(pop.size()) < 0 ? recorded.mask(pop.size()) : null;
        List<org.engram.hal.model.Analysis.NamedSelection> assemblies = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < m.getAssembliesCount(); i++) {
            String ap = p + ".assemblies[" + i + "]";
            var a = m.getAssemblies(i);
            String aName = a.getName().isBlank() ? "assembly" + i : a.getName();
            if (!names.add(aName)) fail(ap + ".name", "duplicate assembly name '" + aName + "'");
            if (!a.hasSelect()) {
                fail(ap + ".select", "missing: the assembly's neurons, e.g. {first: 0, count: 150}");
                continue;
            }
            var sel = selection(ap + ".select", a.getSelect(), pop);
            if (pop != null && sel.firstOutOfRange(pop.size()) < 0) {
                int[] idx = sel.resolve(pop.size());
                if (idx.length == 0) fail(ap + ".select", "selects no neuron");
                if (isRecorded != null) {
                    for (int k : idx) {
                        if (!isRecorded[k]) {
                            fail(ap + ".select", "neuron " + k + " is not recorded by the spike recording: the assembly must be recorded");
                            break;
                        }
                    }
                }
            }
            assemblies.add(build(ap, () -> new org.engram.hal.model.Analysis.NamedSelection(aName, sel)));
        }
        int minTotal = m.hasMinTotal() ? unsigned(p + ".min_total", m.getMinTotal())
                : org.engram.hal.model.Analysis.AssemblyActivation.DEFAULT_MIN_TOTAL;
        int minAssembly = m.hasMinAssembly() ? unsigned(p + ".min_assembly", m.getMinAssembly())
                : org.engram.hal.model.Analysis.AssemblyActivation.DEFAULT_MIN_ASSEMBLY;
        if (rec == null || pop == null || assemblies.contains(null)) return null;
        return build(p, () -> new org.engram.hal.model.Analysis.AssemblyActivation(name, m.getSpikes(), assemblies, start, stop, bin,
                minTotal, minAssembly));
    }

    /** A uint32 count that must fit an int. */
    private int unsigned(String path, int value) {
        if (value < 0) {
            fail(path, "too large: " + Integer.toUnsignedString(value));
            return 0;
        }
        return value;
    }

    /** Q needs three non-empty groups: recalled (inside the assembly), the rest of the assembly, and control. */
    private void groups(String p, org.engram.hal.model.NeuronSelection assembly, org.engram.hal.model.NeuronSelection recalled,
                        org.engram.hal.model.NeuronSelection recorded, org.engram.hal.model.Population pop) {
        boolean[] inAssembly = assembly.mask(pop.size()), isRecorded = recorded.mask(pop.size()), isRecalled = recalled.mask(pop.size());
        int nRecalled = 0, nRest = 0, nControl = 0;
        for (int i = 0; i < pop.size(); i++) {
            if (isRecalled[i] && !inAssembly[i]) {
                fail(p + ".recalled", "neuron " + i + " is not in the assembly: recalled must be a subset of assembly");
                return;
            }
            if (inAssembly[i] && !isRecorded[i]) {
                fail(p + ".assembly", "neuron " + i + " is not recorded by the spike recording: the assembly must be recorded");
                return;
            }
            if (isRecalled[i]) nRecalled++;
            else if (inAssembly[i]) nRest++;
            else if (isRecorded[i]) nControl++;
        }
        if (nRecalled == 0) fail(p + ".recalled", "selects no neuron: Q divides by the rate of the recalled neurons");
        if (nRest == 0) fail(p + ".recalled", "covers the whole assembly: no neuron is left to complete the pattern");
        if (nControl == 0) fail(p + ".assembly", "covers every recorded neuron: no control neurons are left");
    }

    private org.engram.hal.model.Population target(String path, String name, org.engram.hal.model.Network net) {
        var p = net.population(name);
        if (p.isEmpty()) {
            fail(path, (name.isBlank() ? "missing" : "no population named '" + name + "'") + " (known: "
                    + net.populations().stream().map(org.engram.hal.model.Population::name).toList() + ")");
            return null;
        }
        return p.get();
    }

    private org.engram.hal.model.NeuronSelection selection(String path, org.engram.proto.v1.NeuronSelection m,
                                                           org.engram.hal.model.Population pop) {
        int[] idx = m.getNeuronsList().stream().mapToInt(Integer::intValue).toArray();
        var sel = new org.engram.hal.model.NeuronSelection(idx, m.getFirst(), m.getCount(), m.getInvert());
        if (pop != null) {
            if (idx.length == 0 && m.getCount() == 0 && m.getFirst() != 0) {
                fail(path + ".count", "missing: a range needs a count");
            }
            int bad = sel.firstOutOfRange(pop.size());
            if (bad >= 0) fail(path, "neuron " + bad + " outside population '" + pop.name() + "' (size " + pop.size() + ")");
        }
        return sel;
    }

    private org.engram.hal.model.Stimulus stimulus(String path, org.engram.proto.v1.Stimulus m,
                                                   org.engram.hal.model.Network net, double duration, int index) {
        var pop = target(path + ".target", m.getTarget(), net);
        if (pop != null && pop.isSource()) {
            fail(path + ".target", "'" + pop.name() + "' is a source population: its spikes are its trains "
                    + "(network.populations[].source.trains), it takes no stimulus");
            return null;
        }
        if (pop != null && !pop.isLif()) {
            fail(path + ".target", "stimuli drive lif neurons, and '" + pop.name() + "' is a " + pop.model().modelName()
                    + " population: drive it through a projection from an input population");
            return null;
        }
        var sel = selection(path + ".select", m.getSelect(), pop);
        String name = m.getName().isBlank() ? "stimulus" + index : m.getName();
        String t = m.getTarget();
        return switch (m.getKindCase()) {
            case FORCE_FIRING -> {
                var s = m.getForceFiring();
                String p = path + ".force_firing";
                double start = nonNegative(p + ".start", s.getStart(), Dimension.TIME, 0);
                double stop = nonNegative(p + ".stop", s.getStop(), Dimension.TIME, duration);
                yield build(p, () -> new org.engram.hal.model.Stimulus.ForceFiring(name, t, sel, start, stop));
            }
            case OU_CURRENT -> {
                var s = m.getOuCurrent();
                String p = path + ".ou_current";
                double mean = quantity(p + ".mean", s.getMean(), Dimension.CURRENT, 0.15);
                double sd = nonNegative(p + ".sd", s.getSd(), Dimension.CURRENT, 0.5);
                double tau = positive(p + ".tau", s.getTau(), Dimension.TIME, pop == null ? 5e-3 : pop.lif().tauSyn());
                double start = nonNegative(p + ".start", s.getStart(), Dimension.TIME, 0);
                double stop = nonNegative(p + ".stop", s.getStop(), Dimension.TIME, duration);
                yield build(p, () -> new org.engram.hal.model.Stimulus.OuCurrent(name, t, sel, mean, sd, tau, start, stop));
            }
            case KIND_NOT_SET -> {
                fail(path, "missing: give force_firing or ou_current (spike trains are source populations: network.populations[].source)");
                yield null;
            }
        };
    }

    private org.engram.hal.model.Recording recording(String path, org.engram.proto.v1.Recording m,
                                                     org.engram.hal.model.Network net, double duration, int index) {
        String name = m.getName().isBlank() ? "recording" + index : m.getName();
        return switch (m.getKindCase()) {
            case SPIKES -> {
                String p = path + ".spikes";
                var s = m.getSpikes();
                var pop = target(p + ".population", s.getPopulation(), net);
                if (pop != null && !pop.model().spiking()) {
                    fail(p + ".population", "'" + pop.name() + "' is a " + pop.model().modelName() + " population and sends no spikes: "
                            + "record its trace (V or R)");
                    yield null;
                }
                var sel = selection(p + ".select", s.getSelect(), pop);
                double start = nonNegative(p + ".start", s.getStart(), Dimension.TIME, 0);
                double stop = nonNegative(p + ".stop", s.getStop(), Dimension.TIME, Double.POSITIVE_INFINITY);
                if (!(stop > start)) fail(p + ".stop", "must come after start (" + stop + " s <= " + start + " s)");
                if (pop == null || !(stop > start)) yield null;
                yield build(p, () -> new org.engram.hal.model.Recording.Spikes(name, pop.name(), sel, start, stop));
            }
            case TRACE -> trace(path + ".trace", name, m.getTrace(), net, duration);
            case KIND_NOT_SET -> {
                fail(path, "missing: give spikes or trace");
                yield null;
            }
        };
    }

    private org.engram.hal.model.Recording trace(String p, String name, TraceRecording m,
                                                 org.engram.hal.model.Network net, double duration) {
        org.engram.hal.model.TraceVariable var = switch (m.getVariable()) {
            case V -> org.engram.hal.model.TraceVariable.V;
            case I_SYN -> org.engram.hal.model.TraceVariable.I_SYN;
            case P -> org.engram.hal.model.TraceVariable.P;
            case C -> org.engram.hal.model.TraceVariable.C;
            case H -> org.engram.hal.model.TraceVariable.H;
            case Z -> org.engram.hal.model.TraceVariable.Z;
            case W -> org.engram.hal.model.TraceVariable.W;
            case R -> org.engram.hal.model.TraceVariable.R;
            default -> null;
        };
        if (var == null) {
            fail(p + ".variable", "missing: one of V, I_SYN, P, R, C, H, Z, W");
            return null;
        }
        if (m.getInterval().isBlank()) fail(p + ".interval", "missing: the sampling interval, e.g. '1 s'");
        double interval = positive(p + ".interval", m.getInterval(), Dimension.TIME, 1);
        double start = nonNegative(p + ".start", m.getStart(), Dimension.TIME, 0);
        double stop = nonNegative(p + ".stop", m.getStop(), Dimension.TIME, duration);
        Reduction reduce = switch (m.getReduce()) {
            case MEAN -> Reduction.MEAN;
            case NONE, REDUCTION_UNSPECIFIED -> Reduction.NONE;
            default -> {
                fail(p + ".reduce", "unknown reduction: NONE or MEAN");
                yield Reduction.NONE;
            }
        };
        List<org.engram.hal.model.Recording.SynapseRef> syns = new ArrayList<>();
        String population = "", projection = "";
        org.engram.hal.model.NeuronSelection sel = org.engram.hal.model.NeuronSelection.ALL;
        org.engram.hal.model.NeuronSelection preSel = org.engram.hal.model.NeuronSelection.ALL;
        org.engram.hal.model.NeuronSelection postSel = org.engram.hal.model.NeuronSelection.ALL;
        if (!var.perSynapse()) {
            if (m.hasPreSelect()) fail(p + ".pre_select", "only for synapse variables (C, H, Z, W), not " + var + ": use select");
            if (m.hasPostSelect()) fail(p + ".post_select", "only for synapse variables (C, H, Z, W), not " + var + ": use select");
        }
        if (var.perSynapse()) {
            var proj = net.projection(m.getProjection());
            if (proj.isEmpty()) {
                fail(p + ".projection", (m.getProjection().isBlank() ? "missing" : "no projection named '" + m.getProjection() + "'")
                        + " (known: " + net.projections().stream().map(org.engram.hal.model.Projection::name).toList() + ")");
                return null;
            }
            if (!proj.get().plastic() && var != org.engram.hal.model.TraceVariable.W) {
                fail(p + ".variable", var + " is a plasticity variable, but projection '" + proj.get().name() + "' is static");
            }
            projection = proj.get().name();
            int nPre = net.population(proj.get().pre()).orElseThrow().size();
            int nPost = net.population(proj.get().post()).orElseThrow().size();
            for (int i = 0; i < m.getSynapsesCount(); i++) {
                var s = m.getSynapses(i);
                if (s.getPre() >= nPre || s.getPost() >= nPost) {
                    fail(p + ".synapses[" + i + "]", "(" + s.getPre() + ", " + s.getPost() + ") outside the projection's populations ("
                            + nPre + " x " + nPost + ")");
                }
                syns.add(new org.engram.hal.model.Recording.SynapseRef(s.getPre(), s.getPost()));
            }
            var prePop = net.population(proj.get().pre()).orElseThrow();
            var postPop = net.population(proj.get().post()).orElseThrow();
            if (m.hasPreSelect()) preSel = selection(p + ".pre_select", m.getPreSelect(), prePop);
            if (m.hasPostSelect()) postSel = selection(p + ".post_select", m.getPostSelect(), postPop);
            if ((m.hasPreSelect() || m.hasPostSelect()) && m.getSynapsesCount() > 0) {
                fail(p + ".synapses", "give either synapses or pre_select/post_select, not both");
            }
            if (reduce == Reduction.MEAN) meanHasSynapses(p, proj.get(), preSel.mask(nPre), postSel.mask(nPost));
        } else {
            var pop = target(p + ".population", m.getPopulation(), net);
            if (pop == null) return null;
            if (!pop.model().stateVariables().contains(var)) {
                fail(p + ".variable", "a " + pop.model().modelName() + " population has no " + var + "; its model declares "
                        + pop.model().stateVariables());
                return null;
            }
            population = pop.name();
            sel = selection(p + ".select", m.getSelect(), pop);
            if (reduce == Reduction.MEAN && sel.resolve(pop.size()).length == 0) {
                fail(p + ".select", "selects no neuron: MEAN needs at least one");
            }
        }
        String fPop = population, fProj = projection;
        var fSel = sel;
        var fPre = preSel;
        var fPost = postSel;
        return build(p, () -> new org.engram.hal.model.Recording.Trace(name, var, fPop, fSel, fProj, syns, interval, start, stop,
                reduce, fPre, fPost));
    }

    /**
     * MEAN over no synapse is undefined. Selections that pick no neuron are caught here; for explicit,
     * one-to-one and all-to-all connectors the synapses themselves are counted. A random connector is
     * only known to the backend, which must reject an empty selection itself.
     */
    private void meanHasSynapses(String p, org.engram.hal.model.Projection proj, boolean[] pre, boolean[] post) {
        int nPre = 0, nPost = 0;
        for (boolean b : pre) if (b) nPre++;
        for (boolean b : post) if (b) nPost++;
        if (nPre == 0) {
            fail(p + ".pre_select", "selects no neuron: MEAN needs at least one synapse");
            return;
        }
        if (nPost == 0) {
            fail(p + ".post_select", "selects no neuron: MEAN needs at least one synapse");
            return;
        }
        boolean any = switch (proj.connector()) {
            case org.engram.hal.model.Connector.Explicit e -> {
                boolean found = false;
                for (int i = 0; i < e.size() && !found; i++) {
                    int a = e.preAt(i), b = e.postAt(i);
                    found = a < pre.length && b < post.length && pre[a] && post[b]; // bad indices are reported elsewhere
                }
                yield found;
            }
            case org.engram.hal.model.Connector.OneToOne o -> {
                boolean found = false;
                for (int i = 0; i < Math.min(pre.length, post.length) && !found; i++) found = pre[i] && post[i];
                yield found;
            }
            case org.engram.hal.model.Connector.AllToAll a -> a.allowSelf() || !proj.pre().equals(proj.post()) || nPre > 1 || nPost > 1
                    || firstSelected(pre) != firstSelected(post);
            case org.engram.hal.model.Connector.FixedProbability f -> true;
        };
        if (!any) fail(p, "pre_select x post_select holds no synapse of projection '" + proj.name() + "': MEAN needs at least one");
    }

    private static int firstSelected(boolean[] mask) {
        for (int i = 0; i < mask.length; i++) if (mask[i]) return i;
        return -1;
    }
}
