package org.engram.hal.model;

/** A distribution of per-neuron parameter values (in the parameter's own unit). */
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
}
