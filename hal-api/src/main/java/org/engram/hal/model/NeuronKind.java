package org.engram.hal.model;

/** Dale's law sign of a population: excitatory neurons only excite, inhibitory only inhibit. */
public enum NeuronKind { EXCITATORY, INHIBITORY }
