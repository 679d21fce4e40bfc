package org.engram.brainscales.ppu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The regions a lowered rule uses, by name. */
public record MemoryMap(List<Region> regions) {
    public MemoryMap {
        regions = List.copyOf(regions);
        Map<String, Region> seen = new LinkedHashMap<>();
        for (Region r : regions) {
            if (seen.put(r.name(), r) != null) throw new IllegalArgumentException("region " + r.name() + " declared twice");
        }
    }

    public Region region(String name) {
        for (Region r : regions) if (r.name().equals(name)) return r;
        throw new IllegalArgumentException("no region named " + name);
    }

    public long bytes(Region.Memory memory) {
        return regions.stream().filter(r -> r.memory() == memory).mapToLong(Region::bytes).sum();
    }
}
