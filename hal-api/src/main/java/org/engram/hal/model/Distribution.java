package org.engram.hal.model;

/** A distribution of per-neuron or per-synapse values (in the value's own unit). */
public sealed interface Distribution {
    /** Normal, redrawn outside [min, max]. */
    record Normal(double mean, double sd, double min, double max) implements Distribution {
        public Normal {
            Checks.finite("mean", mean);
            Checks.nonNegative("sd", sd);
            if (!(min < max)) throw new IllegalArgumentException("normal: min (" + min + ") must be < max (" + max + ")");
            if (mean < min || mean > max) throw new IllegalArgumentException("normal: mean " + mean + " outside [min, max]");
        }
    }

    record Uniform(double low, double high) implements Distribution {
        public Uniform {
            Checks.finite("low", low);
            Checks.finite("high", high);
            if (!(low <= high)) throw new IllegalArgumentException("uniform: low (" + low + ") must be <= high (" + high + ")");
        }
    }

    /** exp(N(ln median, sigma^2)). */
    record LogNormal(double median, double sigma) implements Distribution {
        public LogNormal {
            Checks.positive("median", median);
            Checks.nonNegative("sigma", sigma);
        }
    }

    /** Lognormal given by its mean and coefficient of variation (sd / mean): what heterogeneity levels vary. */
    record LogNormalMeanCv(double mean, double cv) implements Distribution {
        public LogNormalMeanCv {
            Checks.positive("mean", mean);
            Checks.nonNegative("cv", cv);
        }

        public double sigma() { return StrictMath.sqrt(StrictMath.log1p(cv * cv)); }
        public double median() { return mean / StrictMath.sqrt(1 + cv * cv); }
    }

    /** Gamma with the given mean and coefficient of variation: shape 1/cv^2, scale mean cv^2. */
    record Gamma(double mean, double cv) implements Distribution {
        public Gamma {
            Checks.positive("mean", mean);
            Checks.positive("cv", cv);
        }

        public double shape() { return 1 / (cv * cv); }
        public double scale() { return mean * cv * cv; }
    }

    /** The value the distribution is centred on (mean, or median): its sign is the sign draws keep. */
    default double centre() {
        return switch (this) {
            case Normal n -> n.mean();
            case Uniform u -> 0.5 * (u.low() + u.high());
            case LogNormal l -> l.median();
            case LogNormalMeanCv l -> l.mean();
            case Gamma g -> g.mean();
        };
    }

    /** Whether the distribution gives only positive values (magnitudes). */
    default boolean positiveOnly() {
        return this instanceof LogNormal || this instanceof LogNormalMeanCv || this instanceof Gamma;
    }
}
