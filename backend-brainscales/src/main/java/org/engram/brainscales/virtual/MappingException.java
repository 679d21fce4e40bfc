package org.engram.brainscales.virtual;

/** An experiment the virtual chip's mapping cannot realise: the rule, the element and why. */
public final class MappingException extends RuntimeException {
    private final String rule, element;

    public MappingException(String rule, String element, String message) {
        super(element + ": " + message + " [" + rule + "]");
        this.rule = rule;
        this.element = element;
    }

    public String rule() { return rule; }
    public String element() { return element; }
}
