package org.engram.hal.io;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import org.engram.hal.model.LifParameter;
import org.engram.hal.model.TraceVariable;
import org.engram.hal.units.Dimension;
import org.engram.proto.v1.Experiment;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The drift guard between {@code experiment.proto} and the model records: every field of every message
 * type reachable from {@code engram.v1.Experiment} is filled, by walking the descriptors, in a few
 * generated experiments; decoding each ({@link ExperimentCodec}) and encoding it again
 * ({@link ExperimentEncoder}) must give the message back, field for field. A proto field that the codec
 * does not read, or that the model does not keep, or that the encoder does not write, comes back empty
 * and fails the test, naming the field; so does a field the generator never manages to fill.
 *
 * <p>What is generic: which fields are filled (all of them, from the descriptors; a new field is
 * covered without touching this test), every branch of every oneof (chosen per instance and list
 * element, so across {@link #INSTANCES} experiments each branch is taken), two elements in every
 * repeated field, a non-zero value in every enum, and the unit of every quantity string: the unit is
 * not listed here but learnt from the codec, which names the dimension it expects when given an unknown
 * unit ({@link #PROBE}). What is not generic, because the model validates it: the values. Names must
 * resolve, windows must be ordered and lie inside the run, selections must be in range; {@link #number}
 * picks numbers by field name and {@link #RULES} gives the few values that refer to other elements or
 * depend on a sibling field. A new field whose generic value the model rejects fails the test with the
 * codec's message, naming the field: give it a value here.
 *
 * <p>No normalisation is needed before comparing: quantities are generated the way the encoder writes
 * them (the dimension's base unit, the number as {@link Double#toString(double)}), and enums are never
 * the zero value (which the codec reads as its default and the encoder writes explicitly).
 */
class ProtoDriftTest {
    /**
     * Experiments generated: 6 spiking ones (three with a source population, three with two lif ones)
     * exercise every branch of every oneof (stimulus kinds, 2 per list); the last {@link #RATE_INSTANCES} are rate networks (an input population driving a rate
     * population), where spiking-only fields are left out.
     */
    static final int INSTANCES = 8;
    static final int RATE_INSTANCES = 2;

    /** A quantity with a unit no dimension has: the codec's answer names the dimension the field needs. */
    static final String PROBE = "1 zz";
    private static final Pattern EXPECTED_DIMENSION = Pattern.compile("expected an? (\\w+)");

    /**
     * Fields that legitimately have no model counterpart: they are not required to be filled nor to come
     * back. None today; a field put here needs the reason beside it.
     */
    static final Map<String, String> NO_MODEL_COUNTERPART = Map.ofEntries(
            // files are read into the message when the experiment file is loaded (DataFiles): the codec
            // refuses them, and what a device receives carries explicit connections and input data
            Map.entry("engram.v1.Connector.from_file", "read at load time into explicit connections"),
            Map.entry("engram.v1.FromFileConnector.file", "read at load time"),
            Map.entry("engram.v1.FromFileConnector.format", "read at load time"),
            Map.entry("engram.v1.FromFileConnector.row_offset", "read at load time"),
            Map.entry("engram.v1.FromFileConnector.column_offset", "read at load time"),
            Map.entry("engram.v1.FromFileConnector.weight_unit", "read at load time"),
            Map.entry("engram.v1.FromFileConnector.delay_unit", "read at load time"),
            Map.entry("engram.v1.FromFileConnector.matrix_weights", "read at load time"),
            Map.entry("engram.v1.InputSource.file", "read at load time into input data"),
            Map.entry("engram.v1.SpikeTrain.file", "read at load time into spike_times trains"),
            Map.entry("engram.v1.SpikeFile.file", "read at load time"),
            Map.entry("engram.v1.SpikeFile.time_unit", "read at load time"));

    /** Oneof branches chosen by context where the generic choice would break the model: oneof -> field name. */
    static final Map<String, java.util.function.Function<Ctx, String>> CHOICES = new HashMap<>();

    /** Returned by a rule: leave the field empty in this context (the model forbids it next to a sibling). */
    private static final Object SKIP = new Object();

    /** The generation context of one field: which experiment, which oneof variant, which list element, where. */
    record Ctx(int instance, int variant, int index, String path) {}

    /**
     * Values that refer to other elements of the experiment or depend on a sibling field, by full field
     * name. A rule returns the value, a {@link Double} for a quantity (formatted in the unit the codec
     * expects), {@link #SKIP}, or null for the generic value.
     */
    static final Map<String, BiFunction<Message.Builder, Ctx, Object>> RULES = new HashMap<>();

    static boolean rate(Ctx c) {
        return c.instance() >= INSTANCES - RATE_INSTANCES;
    }

    /** Spiking instances 0, 2, 4: populations0 is a spike source (no stimulus, no incoming projection). */
    static boolean source(Ctx c) {
        return !rate(c) && c.instance() % 2 == 0;
    }

    /** A plain (dimensionless) number where a rate network's weights are concerned, else the generic quantity. */
    private static Object weightNumber(Ctx c, String field) {
        return rate(c) && c.path().contains(".weights.") || c.path().contains(".static.") && rate(c)
                ? Double.toString(number(field, c.index())) : null;
    }

    static {
        rule("Experiment.schema", (b, c) -> ExperimentCodec.SCHEMA);
        // spiking instances: two lif populations, excitatory then inhibitory; rate instances: an input
        // (populations0, 2 dimensions: generator in one instance, samples in the other) and a mixed rate population
        // spiking instances 0, 2, 4: populations0 is a source whose two trains take, over the three, every
        // train kind (file is read at load time)
        CHOICES.put("engram.v1.Population.model", c -> !rate(c) ? (source(c) && c.index() == 0 ? "source" : "lif")
                : c.index() == 0 ? "input" : "rate");
        CHOICES.put("engram.v1.SpikeTrain.kind", c -> List.of("poisson", "regular", "spike_times", "bursts")
                .get((c.instance() + c.index()) % 4));
        CHOICES.put("engram.v1.InputSource.kind", c -> c.instance() % 2 == 0 ? "generator" : "data");
        CHOICES.put("engram.v1.Synapse.kind", c -> rate(c) ? "static" : c.index() == 0 ? "static" : "two_phase");
        CHOICES.put("engram.v1.Recording.kind", c -> rate(c) ? "trace" : c.index() == 0 ? "spikes" : "trace");
        // per-synapse values: given in instances 3 and 7, drawn elsewhere (a seed goes with drawn values only)
        CHOICES.put("engram.v1.SynapseValues.kind", c -> c.instance() % 4 == 3 ? "values" : "distribution");
        rule("SynapseValues.seed", (b, c) -> c.instance() % 4 == 3 ? SKIP : null);
        // a rate network's connectors must not pin the synapse count (2 inputs onto 8 rate neurons)
        CHOICES.put("engram.v1.Connector.kind", c -> !rate(c) ? null : c.index() == 0 ? "fixed_probability" : "explicit");
        rule("Population.kind", (b, c) -> Experiment.getDescriptor().getFile().findEnumTypeByName("NeuronKind")
                .findValueByName(rate(c) ? "MIXED" : c.index() == 0 ? "EXCITATORY" : "INHIBITORY"));
        rule("Population.size", (b, c) -> rate(c) && c.index() == 0 ? 2 : null);
        rule("Population.heterogeneity", (b, c) -> rate(c) && c.index() == 0
                || ((org.engram.proto.v1.Population.Builder) b).hasSource() ? SKIP : null);
        rule("ParametersEntry.key", (b, c) -> "p" + c.index());
        rule("TimeSeriesGenerator.name", (b, c) -> "lorenz");
        // heterogeneity: one value per neuron (8) in instances 3 and 7, a distribution elsewhere (every family)
        rule("Heterogeneity.distribution", (b, c) -> c.instance() % 4 != 3 ? null : SKIP);
        rule("Heterogeneity.values", (b, c) -> {
            if (c.instance() % 4 != 3) return SKIP;
            var v = org.engram.proto.v1.Values.newBuilder().setUnit(heterogeneityDimension(c) == null ? "" : heterogeneityDimension(c).baseUnit());
            for (int i = 0; i < 8; i++) v.addValues(1 + i);
            return v.build();
        });
        rule("Values.unit", (b, c) -> c.path().contains(".delays.") ? "s" : c.path().contains(".weights.") ? (rate(c) ? "" : "mV") : null);
        // lognormal by median and sigma in the first instances, by mean and cv in the later ones
        rule("LogNormalDistribution.median", (b, c) -> c.instance() < 3 ? weightNumber(c, "median") : SKIP);
        rule("LogNormalDistribution.sigma", (b, c) -> c.instance() < 3 ? null : SKIP);
        rule("LogNormalDistribution.mean", (b, c) -> c.instance() >= 3 ? weightNumber(c, "mean") : SKIP);
        rule("LogNormalDistribution.cv", (b, c) -> c.instance() >= 3 ? null : SKIP);
        for (String f : List.of("NormalDistribution.mean", "NormalDistribution.sd", "NormalDistribution.min", "NormalDistribution.max",
                "UniformDistribution.low", "UniformDistribution.high", "GammaDistribution.mean")) {
            rule(f, (b, c) -> weightNumber(c, f.substring(f.indexOf('.') + 1)));
        }
        rule("StaticSynapse.weight", (b, c) -> rate(c) ? "0.5" : null);
        // per-synapse values need a connector whose synapse count the codec does not pin to another number;
        // weights only on static synapses (a two-phase synapse's weight is its state)
        rule("Projection.weights", (b, c) -> perSynapseValues(b) && c.index() == 0 && !(rate(c) && positiveOnly(c)) ? null : SKIP);
        rule("Projection.delays", (b, c) -> perSynapseValues(b) ? null : SKIP);
        rule("Protocol.stimuli", (b, c) -> rate(c) ? SKIP : null);
        rule("Protocol.analyses", (b, c) -> rate(c) ? SKIP : null);
        rule("TraceRecording.variable", (b, c) -> {
            var type = Experiment.getDescriptor().getFile().findEnumTypeByName("TraceVariable");
            if (rate(c)) return type.findValueByName(c.index() == 0 ? "V" : "R");
            List<EnumValueDescriptor> lif = type.getValues().stream().filter(e -> e.getNumber() != 0 && !e.getName().equals("R")).toList();
            return lif.get(Math.floorMod(c.variant(), lif.size()));
        });
        // two populations ("populations0" excitatory, "populations1" inhibitory, by the kind enum's variant);
        // projections leave the excitatory one, so every synapse type and sign is allowed
        rule("Projection.pre", (b, c) -> "populations0");
        rule("Projection.post", (b, c) -> "populations1");
        rule("Connection.pre", (b, c) -> rate(c) ? c.index() : c.index() + 1);
        rule("Connection.post", (b, c) -> c.index() + 2);
        rule("SynapseRef.pre", (b, c) -> c.index() + 1);
        rule("SynapseRef.post", (b, c) -> c.index() + 2);
        rule("Heterogeneity.parameter", (b, c) -> rate(c) ? (Math.floorMod(c.variant(), 2) == 0 ? "tau" : "sigma")
                : LifParameter.values()[Math.floorMod(c.variant(), LifParameter.values().length)].fieldName());
        rule("Stimulus.target", (b, c) -> "populations1");
        rule("SpikeRecording.population", (b, c) -> "populations0");
        rule("TraceRecording.population", (b, c) -> perSynapse(b) ? SKIP : rate(c) || source(c) ? "populations1" : "populations0");
        rule("TraceRecording.select", (b, c) -> perSynapse(b) ? SKIP : null);
        // synapse variables read the plastic projection (the second: its synapse oneof takes two_phase)
        rule("TraceRecording.projection", (b, c) -> perSynapse(b) ? "projections1" : SKIP);
        // synapses, or pre_select/post_select, never both: alternate between instances
        rule("TraceRecording.synapses", (b, c) -> perSynapse(b) && c.instance() % 2 == 0 ? null : SKIP);
        rule("TraceRecording.pre_select", (b, c) -> perSynapse(b) && c.instance() % 2 == 1 ? null : SKIP);
        rule("TraceRecording.post_select", (b, c) -> perSynapse(b) && c.instance() % 2 == 1 ? null : SKIP);
        // the weight is read for INPUT delivery only
        rule("PatternCompletion.spikes", (b, c) -> "recordings0");
        rule("AssemblyActivation.spikes", (b, c) -> "recordings0");
        // after every stimulus and analysis window (0.5 s to 1.5 s; bursts end before 4 s), not overlapping
        rule("FastForward.start", (b, c) -> 5.0 + 2 * c.index());
        rule("FastForward.stop", (b, c) -> 6.0 + 2 * c.index());
        // selections: the spike recording records neurons 0-5 of 8 (not 6 and 7); a pattern-completion
        // assembly {0, 1} with {0} recalled leaves control neurons 2-5; the activation assemblies {0, 1}
        // and {2, 3} are recorded; any other selection picks {1, 2}, which the explicit synapses touch
        rule("NeuronSelection.neurons", (b, c) -> {
            String p = c.path();
            if (p.contains(".spikes.select.")) return 6 + c.index();
            if (p.contains(".assembly.")) return c.index();
            if (p.contains(".recalled.")) return 0;
            Matcher m = Pattern.compile("\\.assemblies\\[(\\d+)]\\.select\\.").matcher(p);
            if (m.find()) return 2 * Integer.parseInt(m.group(1)) + c.index();
            return 1 + c.index();
        });
        rule("NeuronSelection.invert", (b, c) -> c.path().contains(".spikes.select.") ? true : SKIP);
    }

    /** The dimension of the parameter Heterogeneity.parameter names in this context (null: dimensionless). */
    private static Dimension heterogeneityDimension(Ctx c) {
        if (!rate(c)) return LifParameter.values()[Math.floorMod(c.variant(), LifParameter.values().length)].dimension();
        return Math.floorMod(c.variant(), 2) == 0 ? Dimension.TIME : null;
    }

    private static boolean perSynapseValues(Message.Builder projection) {
        var connector = (org.engram.proto.v1.Connector) projection.getField(projection.getDescriptorForType().findFieldByName("connector"));
        return connector.hasFixedProbability() || connector.hasExplicit();
    }

    /** Whether the distribution this context's variant chooses gives magnitudes only (refused for a mixed pre). */
    private static boolean positiveOnly(Ctx c) {
        if (c.instance() % 4 == 3) return false;   // values, not a distribution
        var d = org.engram.proto.v1.Distribution.getDescriptor().getOneofs().get(0).getFields();
        String name = d.get(Math.floorMod(c.variant(), d.size())).getName();
        return name.equals("lognormal") || name.equals("gamma");
    }

    private static void rule(String field, BiFunction<Message.Builder, Ctx, Object> r) {
        RULES.put("engram.v1." + field, r);
    }

    private static boolean perSynapse(Message.Builder b) {
        return TraceVariable.valueOf(enumName(b, "variable")).perSynapse();
    }

    private static String enumName(Message.Builder b, String field) {
        return ((EnumValueDescriptor) b.getField(b.getDescriptorForType().findFieldByName(field))).getName();
    }

    /** Numbers by field name, valid wherever that name occurs; NaN: the type's or dimension's default. */
    static double number(String field, int index) {
        return switch (field) {
            case "duration" -> 10;
            case "dt" -> 2e-4;
            case "start" -> 0.5;
            case "stop" -> 1.5;
            case "period" -> 2;
            case "repeat_period" -> 1;
            case "times" -> 0.5 + 0.25 * index;
            case "interval", "bin" -> 0.1;
            case "v_rest" -> -65;
            case "v_threshold" -> -55;
            case "v_reset" -> -70;
            case "mean", "median" -> 2;
            case "sd" -> 0.5;
            case "min", "low" -> 1;
            case "max", "high" -> 3;
            case "theta_p" -> 3;
            case "theta_d" -> 1.2;
            case "z_min" -> -0.5;
            case "z_max" -> 1;
            case "z_init" -> 0.25;
            case "size" -> 8;
            default -> Double.NaN;
        };
    }

    private static double dimensionDefault(Dimension d) {
        return switch (d) {
            case TIME -> 0.005;
            case VOLTAGE -> 1.5;
            case CURRENT -> 0.25;
            case RESISTANCE -> 12;
            case FREQUENCY -> 20;
        };
    }

    // ------------------------------------------------------------------ the generator

    /** "instance:path" -> the dimension the codec asked for at that path. */
    private final Map<String, Dimension> dimensions = new HashMap<>();
    /** "instance:path" of the strings sent with the {@link #PROBE} unit in the last generation. */
    private final Set<String> probed = new LinkedHashSet<>();
    /** Every field set in at least one generated experiment. */
    private final Set<FieldDescriptor> filled = new LinkedHashSet<>();

    private Experiment generate(int instance) {
        Experiment.Builder b = Experiment.newBuilder();
        fill(b, new Ctx(instance, 2 * instance, 0, ""));
        return b.build();
    }

    private void fill(Message.Builder b, Ctx c) {
        for (FieldDescriptor f : b.getDescriptorForType().getFields()) {
            OneofDescriptor o = f.getRealContainingOneof();
            if (o != null && !f.getName().equals(choice(o, c))) continue;
            String path = c.path().isEmpty() ? f.getName() : c.path() + "." + f.getName();
            if (f.isRepeated()) {
                for (int i = 0; i < 2; i++) {
                    Ctx ci = new Ctx(c.instance(), 2 * c.instance() + i, i, path + "[" + i + "]");
                    Object v = value(b, f, ci);
                    if (v == SKIP) break;
                    b.addRepeatedField(f, v);
                }
                if (b.getRepeatedFieldCount(f) > 0) filled.add(f);
            } else {
                Object v = value(b, f, new Ctx(c.instance(), c.variant(), c.index(), path));
                if (v == SKIP) continue;
                b.setField(f, v);
                filled.add(f);
            }
        }
    }

    /** The branch of a oneof to fill: by {@link #CHOICES}, else by variant among the branches the model reads. */
    private static String choice(OneofDescriptor o, Ctx c) {
        var chosen = CHOICES.get(o.getFullName());
        String name = chosen == null ? null : chosen.apply(c);
        if (name != null) return name;
        List<FieldDescriptor> branches = o.getFields().stream().filter(f -> !NO_MODEL_COUNTERPART.containsKey(f.getFullName())).toList();
        return branches.get(Math.floorMod(c.variant(), branches.size())).getName();
    }

    private Object value(Message.Builder b, FieldDescriptor f, Ctx c) {
        var rule = RULES.get(f.getFullName());
        Object v = rule == null ? null : rule.apply(b, c);
        if (v == SKIP) return SKIP;
        if (v != null && !(v instanceof Double && f.getJavaType() == FieldDescriptor.JavaType.STRING)) return v;
        double n = v instanceof Double d ? d : number(f.getName(), c.index());
        return switch (f.getJavaType()) {
            case MESSAGE -> {
                Message.Builder sub = b.newBuilderForField(f);
                fill(sub, c);
                yield sub.build();
            }
            case ENUM -> {
                List<EnumValueDescriptor> values = f.getEnumType().getValues().stream().filter(e -> e.getNumber() != 0).toList();
                yield values.get(Math.floorMod(c.variant(), values.size()));
            }
            case BOOLEAN -> true;
            case INT -> Double.isNaN(n) ? 2 : (int) n;
            case LONG -> Double.isNaN(n) ? 2L : (long) n;
            case DOUBLE -> Double.isNaN(n) ? 0.5 : n;
            case FLOAT -> Double.isNaN(n) ? 0.5f : (float) n;
            case BYTE_STRING -> ByteString.copyFromUtf8("x");
            case STRING -> {
                if (f.getName().equals("name")) yield name(c.path());
                String key = c.instance() + ":" + c.path();
                Dimension d = dimensions.get(key);
                if (d == null) {
                    probed.add(key);
                    yield PROBE;
                }
                yield Double.toString(Double.isNaN(n) ? dimensionDefault(d) : n) + " " + d.baseUnit();
            }
        };
    }

    /** A name unique in its list: "network.populations[1].name" -> "populations1"; the experiment's own: "drift". */
    private static String name(String path) {
        int end = path.lastIndexOf('.');
        if (end < 0) return "drift";
        String owner = path.substring(path.lastIndexOf('.', end - 1) + 1, end);
        return owner.replace("[", "").replace("]", "");
    }

    /**
     * Generates the experiments, learning the unit of each quantity from the codec: strings sent with
     * the probe unit come back as problems that name the dimension; a string the codec does not complain
     * about is not a quantity (a description), or is not read at all (which the round trip then shows).
     */
    private List<Experiment> experiments() {
        for (int round = 0; round < 8; round++) {
            probed.clear();
            List<Experiment> out = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) out.add(generate(i));
            boolean learnt = false;
            for (int i = 0; i < INSTANCES; i++) {
                try {
                    ExperimentCodec.toModel(out.get(i), "drift" + i);
                } catch (ExperimentFormatException e) {
                    for (var p : e.problems()) {
                        String key = i + ":" + p.path();
                        Matcher m = EXPECTED_DIMENSION.matcher(p.message());
                        if (probed.contains(key) && m.find()) {
                            dimensions.put(key, Dimension.valueOf(m.group(1).toUpperCase()));
                            learnt = true;
                        }
                    }
                }
            }
            if (!learnt) return out;
        }
        throw new AssertionError("the units did not settle");
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void everyFieldSurvivesDecodeThenEncode() {
        List<Experiment> experiments = experiments();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < experiments.size(); i++) {
            Experiment sent = experiments.get(i);
            org.engram.hal.model.Experiment model;
            try {
                model = ExperimentCodec.toModel(sent, "generated experiment " + i);
            } catch (ExperimentFormatException e) {
                failures.add("the model rejects a generated value (give the field a valid one in ProtoDriftTest): " + e.getMessage());
                continue;
            }
            Experiment back = ExperimentEncoder.encode(model);
            List<String> diff = new ArrayList<>();
            diff(clear(sent), clear(back), "", diff);
            for (String d : diff) failures.add("experiment " + i + ": " + d);
        }
        assertTrue(failures.isEmpty(), "decode then encode does not give the message back:\n  " + String.join("\n  ", failures));
        // the units were learnt from the codec, not assumed: every quantity of every experiment has one
        assertTrue(dimensions.size() > 50 * INSTANCES, "quantities whose unit the codec named: " + dimensions.size());
    }

    @Test
    void everyFieldOfEveryReachableMessageIsFilled() {
        experiments();
        Set<String> missing = new TreeSet<>();
        for (Descriptor type : reachable(Experiment.getDescriptor())) {
            for (FieldDescriptor f : type.getFields()) {
                if (!filled.contains(f) && !NO_MODEL_COUNTERPART.containsKey(f.getFullName())) missing.add(f.getFullName());
            }
        }
        assertEquals(Set.of(), missing, "fields the generator never filled: give them a rule or a value");
        for (String f : NO_MODEL_COUNTERPART.keySet()) {
            assertTrue(reachable(Experiment.getDescriptor()).stream().anyMatch(t -> t.getFields().stream()
                    .anyMatch(x -> x.getFullName().equals(f))), "allow-listed field no longer exists: " + f);
        }
    }

    /** The guard itself fails on a field nobody reads: a message with an unread field does not come back. */
    @Test
    void theComparisonSeesAFieldTheEncoderDropped() {
        Experiment sent = experiments().get(0);
        Experiment back = ExperimentEncoder.encode(ExperimentCodec.toModel(sent, "drift"));
        // the description stands in for a field nobody reads: cleared in what came back
        List<String> diff = new ArrayList<>();
        diff(sent, back.toBuilder().clearDescription().build(), "", diff);
        assertTrue(diff.contains("description: sent \"" + sent.getDescription() + "\", got back nothing"), diff.toString());
    }

    static Set<Descriptor> reachable(Descriptor root) {
        Set<Descriptor> seen = new LinkedHashSet<>();
        var todo = new ArrayDeque<Descriptor>(List.of(root));
        while (!todo.isEmpty()) {
            Descriptor d = todo.pop();
            if (!seen.add(d)) continue;
            for (FieldDescriptor f : d.getFields()) if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) todo.push(f.getMessageType());
        }
        return seen;
    }

    /** The message with the allow-listed fields cleared, wherever they occur. */
    private static Experiment clear(Experiment m) {
        return NO_MODEL_COUNTERPART.isEmpty() ? m : (Experiment) clear((Message) m);
    }

    private static Message clear(Message m) {
        Message.Builder b = m.toBuilder();
        for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
            if (NO_MODEL_COUNTERPART.containsKey(f.getFullName())) {
                b.clearField(f);
            } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isMapField()) {   // map entries hold none
                if (f.isRepeated()) {
                    for (int i = 0; i < m.getRepeatedFieldCount(f); i++) b.setRepeatedField(f, i, clear((Message) m.getRepeatedField(f, i)));
                } else if (m.hasField(f)) {
                    b.setField(f, clear((Message) m.getField(f)));
                }
            }
        }
        return b.build();
    }

    /** Field paths where two messages differ, each with what was sent and what came back. */
    static void diff(Message sent, Message back, String path, List<String> out) {
        for (FieldDescriptor f : sent.getDescriptorForType().getFields()) {
            String p = path.isEmpty() ? f.getName() : path + "." + f.getName();
            if (f.isRepeated()) {
                int n = sent.getRepeatedFieldCount(f), k = back.getRepeatedFieldCount(f);
                if (n != k) {
                    out.add(p + ": sent " + n + " elements, got back " + k);
                    continue;
                }
                for (int i = 0; i < n; i++) element(f, sent.getRepeatedField(f, i), back.getRepeatedField(f, i), p + "[" + i + "]", out);
            } else if (f.hasPresence() && sent.hasField(f) != back.hasField(f)) {
                out.add(p + ": sent " + (sent.hasField(f) ? show(sent.getField(f)) : "nothing") + ", got back "
                        + (back.hasField(f) ? show(back.getField(f)) : "nothing"));
            } else {
                element(f, sent.getField(f), back.getField(f), p, out);
            }
        }
    }

    private static void element(FieldDescriptor f, Object sent, Object back, String p, List<String> out) {
        if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            diff((Message) sent, (Message) back, p, out);
        } else if (!sent.equals(back)) {
            out.add(p + ": sent " + show(sent) + ", got back " + (isDefault(f, back) ? "nothing" : show(back)));
        }
    }

    private static boolean isDefault(FieldDescriptor f, Object v) {
        return !f.isRepeated() && v.equals(f.getDefaultValue());
    }

    private static String show(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : v instanceof Message ? "a message" : String.valueOf(v);
    }
}
