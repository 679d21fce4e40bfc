package org.engram.hal.model;

/**
 * Dale's law sign of a population: excitatory neurons only excite, inhibitory only inhibit; mixed
 * populations (rate reservoirs, inputs) send weights of either sign.
 */
public enum NeuronKind { EXCITATORY, INHIBITORY, MIXED }
