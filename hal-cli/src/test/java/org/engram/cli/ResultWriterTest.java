package org.engram.cli;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class ResultWriterTest {
    @Test
    void prefixIsNotDoubledAndNamesNeverCollide() {
        Set<String> used = new HashSet<>();
        assertEquals("spikes-pre.csv", ResultWriter.fileName("spikes", "spikes-pre", used));
        assertEquals("spikes-post.csv", ResultWriter.fileName("spikes", "post", used));
        assertEquals("spikes-post-2.csv", ResultWriter.fileName("spikes", "spikes-post", used), "no overwrite");
        assertEquals("trace-h.csv", ResultWriter.fileName("trace", "h", used));
        assertEquals("trace-w.csv", ResultWriter.fileName("trace", "trace-w", used));
        assertEquals("trace-spikes-x.csv", ResultWriter.fileName("trace", "spikes-x", used));
        assertEquals("spikes-_etc_passwd.csv", ResultWriter.fileName("spikes", "/etc/passwd", used));
    }
}
