package org.engram.support.input;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

final class GeneratorTestSupport {
    private GeneratorTestSupport() {}

    /** Parameters as alternating key, value pairs. */
    static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static List<Object> list(double... v) {
        return java.util.Arrays.stream(v).boxed().map(d -> (Object) d).toList();
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s / a.length;
    }

    static double sd(double[] a) {
        double m = mean(a), s = 0;
        for (double v : a) s += (v - m) * (v - m);
        return Math.sqrt(s / a.length);
    }

    static double[] row(TimeSeries t, int step) {
        double[] r = new double[t.dims()];
        for (int d = 0; d < r.length; d++) r[d] = t.value(step, d);
        return r;
    }

    static String sha256(TimeSeries t) {
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            var b = java.nio.ByteBuffer.allocate(8);
            for (double v : t.toArray()) md.update(b.clear().putLong(Double.doubleToRawLongBits(v)).array());
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
