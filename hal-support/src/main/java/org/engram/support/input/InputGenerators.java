package org.engram.support.input;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a generator from its name and a parameter map, as an experiment file gives them:
 * <pre>
 * lorenz        sigma 10, rho 28, beta 8/3
 * lorenz96      dims 5, forcing 8
 * mackey_glass  tau 17, beta 0.2, gamma 0.1, n 10
 * rossler       a 0.2, b 0.2, c 5.7
 * narma10       order 10, alpha 0.3, beta 0.05, gamma 1.5, delta 0.1, u_max 0.5
 * white_noise   dims 1, mean 0, sd 1
 * every one     time_scale (model units per second), washout (model units), zscore (false), seed (0)
 * continuous    max_step (model units), initial ([values] or "random")
 * </pre>
 * Default time scales (assumed; configurable): lorenz and lorenz96 10/s, rossler 50/s, mackey_glass
 * 100/s (one Lorenz orbit, ~0.7 units, takes ~70 ms); discrete generators one sample per device step.
 * Names are case-insensitive and '-' may stand for '_'. Unknown generators and parameters are errors
 * that list what is known.
 */
public final class InputGenerators {
    public static final List<String> NAMES = List.of(Lorenz.NAME, Lorenz96.NAME, MackeyGlass.NAME, Rossler.NAME,
            Narma10.NAME, WhiteNoise.NAME);

    private InputGenerators() {}

    public static InputGenerator create(String name, Map<String, ?> parameters) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        key = switch (key) {
            case "lorenz63" -> Lorenz.NAME;
            case "lorenz_96" -> Lorenz96.NAME;
            case "mackeyglass" -> MackeyGlass.NAME;
            case "rössler" -> Rossler.NAME;
            case "narma", "narma_10" -> Narma10.NAME;
            case "noise", "whitenoise" -> WhiteNoise.NAME;
            default -> key;
        };
        Params p = new Params(key, parameters == null ? Map.of() : parameters);
        InputGenerator g = switch (key) {
            case Lorenz.NAME -> new Lorenz(p.number("sigma", 10), p.number("rho", 28), p.number("beta", 8.0 / 3),
                    p.continuous(3, Lorenz.DEFAULT_TIME_SCALE, Lorenz.DEFAULT_WASHOUT, Lorenz.DEFAULT_MAX_STEP));
            case Lorenz96.NAME -> {
                int dims = p.integer("dims", 5);
                yield new Lorenz96(dims, p.number("forcing", 8),
                        p.continuous(dims, Lorenz96.DEFAULT_TIME_SCALE, Lorenz96.DEFAULT_WASHOUT, Lorenz96.DEFAULT_MAX_STEP));
            }
            case MackeyGlass.NAME -> new MackeyGlass(p.number("tau", 17), p.number("beta", 0.2), p.number("gamma", 0.1),
                    p.number("n", 10), p.continuous(1, MackeyGlass.DEFAULT_TIME_SCALE, MackeyGlass.DEFAULT_WASHOUT,
                    MackeyGlass.DEFAULT_MAX_STEP));
            case Rossler.NAME -> new Rossler(p.number("a", 0.2), p.number("b", 0.2), p.number("c", 5.7),
                    p.continuous(3, Rossler.DEFAULT_TIME_SCALE, Rossler.DEFAULT_WASHOUT, Rossler.DEFAULT_MAX_STEP));
            case Narma10.NAME -> new Narma10(p.integer("order", 10), p.number("alpha", 0.3), p.number("beta", 0.05),
                    p.number("gamma", 1.5), p.number("delta", 0.1), p.number("u_max", 0.5), p.discrete(Narma10.DEFAULT_WASHOUT));
            case WhiteNoise.NAME -> new WhiteNoise(p.integer("dims", 1), p.number("mean", 0), p.number("sd", 1), p.discrete(0));
            default -> throw new IllegalArgumentException("unknown input generator '" + name + "'; known: " + String.join(", ", NAMES));
        };
        p.finish();
        return g;
    }

    /** Reads parameters by name, remembering which were read so the rest can be named as unknown. */
    private static final class Params {
        private final String generator;
        private final Map<String, ?> map;
        private final Set<String> read = new LinkedHashSet<>();

        Params(String generator, Map<String, ?> map) {
            this.generator = generator;
            this.map = map;
        }

        private IllegalArgumentException error(String param, String rule) {
            return new IllegalArgumentException("input generator " + generator + ": parameter " + param + " " + rule);
        }

        double number(String key, double def) {
            read.add(key);
            Object v = map.get(key);
            if (v == null) return def;
            if (!(v instanceof Number n)) throw error(key, "must be a number, got '" + v + "'");
            double d = n.doubleValue();
            if (!Double.isFinite(d)) throw error(key, "must be finite, got " + d);
            return d;
        }

        int integer(String key, int def) {
            double d = number(key, def);
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw error(key, "must be a whole number, got " + d);
            return (int) d;
        }

        long seed() {
            read.add("seed");
            Object v = map.get("seed");
            if (v == null) return 0;
            if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
            if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 0x1p53) {
                return (long) n.doubleValue();
            }
            throw error("seed", "must be a whole number, got '" + v + "'");
        }

        boolean bool(String key, boolean def) {
            read.add(key);
            Object v = map.get(key);
            if (v == null) return def;
            if (!(v instanceof Boolean b)) throw error(key, "must be true or false, got '" + v + "'");
            return b;
        }

        Common continuous(int dims, double timeScale, double washout, double maxStep) {
            read.add("initial");
            Object init = map.get("initial");
            double[] initial = null;
            boolean random = false;
            if ("random".equals(init)) random = true;
            else if (init instanceof List<?> list) {
                initial = new double[list.size()];
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof Number n)) throw error("initial", "must hold numbers, got '" + list.get(i) + "'");
                    initial[i] = n.doubleValue();
                }
                if (initial.length != dims) throw error("initial", "has " + initial.length + " values, the state has " + dims);
            } else if (init instanceof double[] a) {
                initial = a.clone();
                if (initial.length != dims) throw error("initial", "has " + initial.length + " values, the state has " + dims);
            } else if (init != null) {
                throw error("initial", "must be a list of " + dims + " numbers or \"random\", got '" + init + "'");
            }
            try {
                return new Common(number("time_scale", timeScale), number("washout", washout), number("max_step", maxStep),
                        initial, random, bool("zscore", false), seed());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("input generator " + generator + ": " + e.getMessage(), e);
            }
        }

        Common discrete(double washout) {
            try {
                return new Common(number("time_scale", Double.NaN), number("washout", washout), Double.NaN, null, false,
                        bool("zscore", false), seed());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("input generator " + generator + ": " + e.getMessage(), e);
            }
        }

        void finish() {
            List<String> unknown = new ArrayList<>();
            for (String k : map.keySet()) if (!read.contains(k)) unknown.add(k);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("input generator " + generator + ": unknown parameter"
                        + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown) + "; known: "
                        + String.join(", ", new TreeSet<>(read)));
            }
        }
    }
}
