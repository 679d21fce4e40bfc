package org.engram.hal.model;

/** The synapse model of a projection. */
public sealed interface SynapseType permits SynapseType.Static, TwoPhaseRule {
    /** A fixed weight in mV (negative inhibits). */
    record Static(double weight) implements SynapseType {
        public Static {
            Checks.finite("static.weight", weight);
        }
    }
}
