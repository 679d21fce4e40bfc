package org.engram.support.fit;

import org.engram.hal.device.FitReport.Issue;
import org.engram.hal.device.FitReport.Severity;
import org.engram.hal.model.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The names an experiment refers to must exist: a projection's pre and post populations, a stimulus's
 * target, a recording's population or projection. Experiments read from files are checked when parsed;
 * one built in code reaches the device unchecked, so every backend's fit check starts here and names the
 * element (rule "unknown-reference") instead of failing later inside its lowering.
 */
public final class References {
    public static final String RULE = "unknown-reference";

    private References() {}

    /** The errors, one per dangling name, in document order; empty when every name resolves. */
    public static List<Issue> check(Experiment e) {
        List<Issue> out = new ArrayList<>();
        Set<String> pops = e.network().populations().stream().map(Population::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> projs = e.network().projections().stream().map(Projection::name).collect(Collectors.toCollection(TreeSet::new));
        for (int i = 0; i < e.network().projections().size(); i++) {
            Projection p = e.network().projections().get(i);
            String path = "network.projections[" + i + "]";
            population(out, path + ".pre", p.pre(), pops);
            population(out, path + ".post", p.post(), pops);
        }
        for (int i = 0; i < e.protocol().stimuli().size(); i++) {
            population(out, "protocol.stimuli[" + i + "].target", e.protocol().stimuli().get(i).target(), pops);
        }
        for (int i = 0; i < e.protocol().recordings().size(); i++) {
            String path = "protocol.recordings[" + i + "]";
            switch (e.protocol().recordings().get(i)) {
                case Recording.Spikes s -> population(out, path + ".spikes.population", s.population(), pops);
                case Recording.Trace t -> {
                    if (t.projection() != null && !t.projection().isEmpty()) {
                        if (!projs.contains(t.projection())) {
                            out.add(new Issue(Severity.ERROR, RULE, path + ".trace.projection", "no projection named '"
                                    + t.projection() + "' (known: " + projs + ")", "name one of the network's projections"));
                        }
                    } else {
                        population(out, path + ".trace.population", t.population(), pops);
                    }
                }
            }
        }
        return out;
    }

    private static void population(List<Issue> out, String path, String name, Set<String> known) {
        if (name != null && known.contains(name)) return;
        out.add(new Issue(Severity.ERROR, RULE, path, "no population named '" + name + "' (known: " + known + ")",
                "name one of the network's populations"));
    }
}
