package org.engram.hal.model;

/** How a trace combines its selected elements at each sample. */
public enum Reduction {
    /** One series per element. */
    NONE,
    /** One series, labelled "mean": the mean over the selected elements. */
    MEAN
}
