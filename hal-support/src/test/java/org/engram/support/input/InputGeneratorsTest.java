package org.engram.support.input;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.engram.support.input.GeneratorTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

class InputGeneratorsTest {
    static String error(String name, Map<String, Object> p) {
        return assertThrows(IllegalArgumentException.class, () -> InputGenerators.create(name, p)).getMessage();
    }

    @Test void unknownGeneratorsAndParametersAreNamed() {
        assertEquals("unknown input generator 'lorentz'; known: lorenz, lorenz96, mackey_glass, rossler, narma10, white_noise",
                error("lorentz", null));
        String p = error("lorenz", params("sgima", 10.0));
        assertTrue(p.startsWith("input generator lorenz: unknown parameter sgima; known: beta, initial, max_step, rho,"), p);
        assertTrue(error("white_noise", params("initial", "random")).contains("unknown parameter initial"));
        assertEquals("input generator lorenz: parameter rho must be a number, got 'x'", error("lorenz", params("rho", "x")));
        assertTrue(error("lorenz96", params("dims", 2.5)).contains("dims must be a whole number"));
        assertTrue(error("lorenz96", params("dims", 3)).contains("dims 3 must be at least 4"));
        assertTrue(error("lorenz", params("initial", list(1, 2))).contains("initial has 2 values, the state has 3"));
        assertTrue(error("lorenz", params("time_scale", -1.0)).contains("time_scale -1.0 must be a finite number > 0"));
        assertTrue(error("lorenz", params("seed", 1.5)).contains("seed must be a whole number"));
    }

    @Test void namesAreForgiving() {
        assertEquals("mackey_glass", InputGenerators.create("Mackey-Glass", null).name());
        assertEquals("lorenz96", InputGenerators.create("lorenz-96", null).name());
        assertEquals("narma10", InputGenerators.create("NARMA-10", null).name());
    }

    @Test void badStepAndSpanAreRefused() {
        var g = InputGenerators.create("lorenz", null);
        assertThrows(IllegalArgumentException.class, () -> g.generate(0, 10));
        assertThrows(IllegalArgumentException.class, () -> g.generate(1e-3, -1));
        assertThrows(IllegalArgumentException.class, () -> g.generate(1e-3, 1L << 31));
        assertEquals(0, g.generate(1e-3, 0).steps());
    }

    @Test void rosslerAndLorenz96StayBounded() {
        TimeSeries r = InputGenerators.create("rossler", null).generate(1e-3, 20_000);
        assertTrue(Arrays.stream(r.column(0)).allMatch(v -> Math.abs(v) < 15));
        assertTrue(Arrays.stream(r.column(2)).allMatch(v -> v >= 0 && v < 30));
        assertTrue(sd(r.column(0)) > 2, "oscillates");
        TimeSeries l = InputGenerators.create("lorenz96", params("dims", 8)).generate(1e-3, 20_000);
        assertEquals(8, l.dims());
        for (int d = 0; d < 8; d++) {
            assertTrue(Arrays.stream(l.column(d)).allMatch(v -> Math.abs(v) < 20), "dim " + d);
            assertTrue(sd(l.column(d)) > 1, "chaotic, not at the fixed point x = F");
        }
    }

    @Test void zscoringAConstantDimensionIsRefused() {
        var ex = assertThrows(IllegalArgumentException.class,
                () -> InputGenerators.create("white_noise", params("sd", 0.0, "zscore", true)).generate(1e-3, 10));
        assertTrue(ex.getMessage().contains("cannot z-score dimension 'w'"));
    }

    /**
     * Same parameters and seed, same bits on every machine: StrictMath and plain double arithmetic only.
     * A change of these hashes changes every experiment that uses the generator: say so and why.
     */
    @Test void goldenHashes() {
        Map<String, String> golden = new LinkedHashMap<>();
        golden.put("lorenz", "4da55dfc819f028b3fdf308e6a0660e213e503b1ad945aa42ac90e340c8db816");
        golden.put("lorenz96", "b01be2fc42e8d1614f2dcbb1d605a10493efc171ba9deeae02b9b8d11054bba2");
        golden.put("mackey_glass", "0407a58572c790a5394c811abb54053510bdf0e0063fee7e12d2a65c18b7fb11");
        golden.put("rossler", "7e2b6b34d43c151d172a5c9366223136b5b452f04b3d400f6fd6ac3f75a5590b");
        golden.put("narma10", "eba976e422f84b9f6ca8a49f4d3044d2bb6b60afe61c169a9b9deebf44a135d8");
        golden.put("white_noise", "4beeb46e4525edf0157d427091152a9bc9adcdba2d2952d171799c43f508da51");
        for (var e : golden.entrySet()) {
            String h = sha256(InputGenerators.create(e.getKey(), params("seed", 7L)).generate(1e-3, 3000));
            assertEquals(e.getValue(), h, e.getKey());
        }
    }

    @Test void seriesFromAFileTable() {
        var table = org.engram.hal.io.data.NumericCsv.parse("u,v\n1,2\n3,4\n5,6\n", "in.csv");
        TimeSeries t = TimeSeries.of(table.names(), 1e-3, table.values());
        assertEquals(3, t.steps());
        assertEquals(4, t.value(1, t.dim("v")));
        assertThrows(IllegalArgumentException.class, () -> TimeSeries.of(java.util.List.of("u"), 1e-3, table.values()));
    }
}
