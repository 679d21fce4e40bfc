package org.engram.hal.io.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NumPy's {@code .npy} format (numpy.lib.format, NEP 1): the magic {@code \x93NUMPY}, a version
 * (1.0: 2-byte header length; 2.0: 4-byte; 3.0: 4-byte and a UTF-8 header), then a Python dict
 * literal with {@code descr}, {@code fortran_order} and {@code shape}, padded with spaces and ended by
 * a newline, then the raw data.
 *
 * <p>Reads 1-D and 2-D arrays of float16/32/64, int8/16/32/64, uint8/16/32/64 and bool, in either byte
 * order and either memory order, into a row-major {@link NumericArray}. Integers beyond 2^53 are refused
 * rather than rounded. Writes {@code <f8}, C order, version 1.0, header padded to 64 bytes as NumPy does.
 */
public final class NpyFile {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final long EXACT = 1L << 53; // largest run of integers a double holds exactly

    private NpyFile() {}

    public static NumericArray read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    /** Decodes the bytes of a {@code .npy} file; {@code source} names it in errors. */
    public static NumericArray read(byte[] bytes, String source) {
        if (bytes.length < 10 || !startsWithMagic(bytes)) {
            throw new DataFileException(source, "not a .npy file: it does not start with the magic \\x93NUMPY");
        }
        int major = bytes[6] & 0xFF, minor = bytes[7] & 0xFF;
        int headerLength, headerStart;
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            headerLength = le.getShort(8) & 0xFFFF;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) throw new DataFileException(source, "truncated header length");
            long n = le.getInt(8) & 0xFFFFFFFFL;
            if (n > Integer.MAX_VALUE - 12) throw new DataFileException(source, "header length " + n + " too large");
            headerLength = (int) n;
            headerStart = 12;
        } else {
            throw new DataFileException(source, "unsupported .npy format version " + major + "." + minor
                    + " (1.0, 2.0 and 3.0 are known)");
        }
        if (minor != 0) {
            throw new DataFileException(source, "unsupported .npy format version " + major + "." + minor);
        }
        int dataStart = headerStart + headerLength;
        if (dataStart > bytes.length) {
            throw new DataFileException(source, "truncated header: it says " + headerLength + " bytes, the file has "
                    + (bytes.length - headerStart) + " after the preamble");
        }
        String header = new String(bytes, headerStart, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = parseHeader(header, source);
        Dtype t = Dtype.parse(h.descr, source);
        long count = 1;
        for (int d : h.shape) count *= d;
        long needed = count * t.size;
        long available = bytes.length - (long) dataStart;
        if (available < needed) {
            throw new DataFileException(source, "truncated data: shape " + h.shapeString() + " of " + h.descr
                    + " needs " + needed + " bytes, the file has " + available);
        }
        if (available > needed) {
            throw new DataFileException(source, (available - needed) + " bytes after the data of shape "
                    + h.shapeString() + " of " + h.descr);
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new DataFileException(source, "shape " + h.shapeString() + " has more than 2^31 elements");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) needed).slice().order(t.order);
        double[] values = t.decode(data, (int) count, source);
        if (h.fortran && h.shape.length == 2) values = transpose(values, h.shape[0], h.shape[1]);
        return NumericArray.wrap(h.shape, values);
    }

    /** Writes {@code a} as {@code <f8}, C order, format version 1.0. */
    public static void write(Path file, NumericArray a) throws IOException {
        Files.write(file, toBytes(a));
    }

    /** The bytes {@link #write} writes. */
    public static byte[] toBytes(NumericArray a) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + a.shapeString() + ", }";
        // NumPy pads magic + version + length + header + '\n' to a multiple of 64 bytes
        int unpadded = 10 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - unpadded) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + 8 * a.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < a.size(); i++) out.putDouble(a.get(i));
        return out.array();
    }

    private static boolean startsWithMagic(byte[] b) {
        for (int i = 0; i < MAGIC.length; i++) if (b[i] != MAGIC[i]) return false;
        return true;
    }

    private static double[] transpose(double[] colMajor, int rows, int cols) {
        double[] out = new double[colMajor.length];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) out[r * cols + c] = colMajor[c * rows + r];
        }
        return out;
    }

    private record Header(String descr, boolean fortran, int[] shape) {
        String shapeString() {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? ", " : "").append(shape[i]);
            return sb.append(shape.length == 1 ? ",)" : ")").toString();
        }
    }

    /** The dict literal, e.g. {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }}. */
    private static Header parseHeader(String text, String source) {
        Map<String, Object> dict = new DictParser(text.strip(), source).parse();
        for (String key : dict.keySet()) {
            if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
                throw new DataFileException(source, "header has an unexpected key '" + key + "'");
            }
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new DataFileException(source, "header has no 'descr' string"
                    + (dict.get("descr") instanceof List ? " (structured dtypes are not supported)" : ""));
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new DataFileException(source, "header has no 'fortran_order' True/False");
        }
        if (!(dict.get("shape") instanceof int[] shape)) {
            throw new DataFileException(source, "header has no 'shape' tuple");
        }
        if (shape.length == 0) throw new DataFileException(source, "shape () is a scalar: a 1-D or 2-D array is needed");
        if (shape.length > 2) {
            throw new DataFileException(source, "shape " + new Header(descr, fortran, shape).shapeString()
                    + " has " + shape.length + " dimensions: only 1-D and 2-D arrays are supported");
        }
        return new Header(descr, fortran, shape);
    }

    /** Just enough of Python's literal syntax for the header: strings, True/False, tuples of ints. */
    private static final class DictParser {
        private final String s;
        private final String source;
        private int i;

        DictParser(String s, String source) {
            this.s = s;
            this.source = source;
        }

        Map<String, Object> parse() {
            Map<String, Object> out = new LinkedHashMap<>();
            expect('{');
            while (true) {
                skip();
                if (peek() == '}') { i++; break; }
                String key = string();
                skip();
                expect(':');
                out.put(key, value());
                skip();
                if (peek() == ',') { i++; continue; }
                expect('}');
                break;
            }
            skip();
            if (i != s.length()) throw error("text after the closing '}'");
            return out;
        }

        private Object value() {
            skip();
            char c = peek();
            if (c == '\'' || c == '"') return string();
            if (s.startsWith("True", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("False", i)) { i += 5; return Boolean.FALSE; }
            if (c == '(') return tuple();
            if (c == '[') {
                int depth = 0; // a structured dtype: skip it, the caller names the problem
                do {
                    if (peek() == '[') depth++;
                    if (peek() == ']') depth--;
                    i++;
                } while (depth > 0);
                return List.of();
            }
            throw error("unexpected '" + c + "'");
        }

        private int[] tuple() {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            while (true) {
                skip();
                if (peek() == ')') { i++; break; }
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
                if (start == i) throw error("a shape entry is not a non-negative integer");
                long d = Long.parseLong(s.substring(start, i));
                if (i < s.length() && s.charAt(i) == 'L') i++; // Python 2 longs
                if (d > Integer.MAX_VALUE) throw error("shape entry " + d + " is too large");
                dims.add((int) d);
                skip();
                if (peek() == ',') { i++; continue; }
                expect(')');
                break;
            }
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }

        private String string() {
            char q = peek();
            if (q != '\'' && q != '"') throw error("expected a quoted key or string");
            int end = s.indexOf(q, i + 1);
            if (end < 0) throw error("unterminated string");
            String v = s.substring(i + 1, end);
            i = end + 1;
            return v;
        }

        private void expect(char c) {
            skip();
            if (peek() != c) throw error("expected '" + c + "'");
            i++;
        }

        private char peek() {
            if (i >= s.length()) throw error("header ends early");
            return s.charAt(i);
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        private DataFileException error(String what) {
            return new DataFileException(source, "malformed header at character " + i + ": " + what + " in " + s);
        }
    }

    /** A simple dtype: byte order, kind (f, i, u, b) and item size. */
    private record Dtype(ByteOrder order, char kind, int size) {
        static Dtype parse(String descr, String source) {
            if (descr.length() < 3) throw unsupported(descr, source);
            char o = descr.charAt(0);
            char kind = descr.charAt(1);
            int size;
            try {
                size = Integer.parseInt(descr.substring(2));
            } catch (NumberFormatException e) {
                throw unsupported(descr, source);
            }
            boolean known = switch (kind) {
                case 'f' -> size == 2 || size == 4 || size == 8;
                case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
                case 'b' -> size == 1;
                default -> false;
            };
            if (!known) throw unsupported(descr, source);
            ByteOrder order = switch (o) {
                case '<' -> ByteOrder.LITTLE_ENDIAN;
                case '>' -> ByteOrder.BIG_ENDIAN;
                case '|' -> {
                    if (size != 1) throw new DataFileException(source, "dtype '" + descr + "' has no byte order");
                    yield ByteOrder.LITTLE_ENDIAN;
                }
                // '=' means the writer's native order, which the file does not record
                default -> throw new DataFileException(source, "dtype '" + descr + "': byte order '" + o
                        + "' is not '<', '>' or '|'");
            };
            return new Dtype(order, kind, size);
        }

        static DataFileException unsupported(String descr, String source) {
            return new DataFileException(source, "unsupported dtype '" + descr + "': float16/32/64, int8/16/32/64, "
                    + "uint8/16/32/64 and bool are supported");
        }

        double[] decode(ByteBuffer b, int n, String source) {
            double[] out = new double[n];
            switch (kind) {
                case 'f' -> {
                    if (size == 8) b.asDoubleBuffer().get(out);
                    else if (size == 4) for (int k = 0; k < n; k++) out[k] = b.getFloat(4 * k);
                    else for (int k = 0; k < n; k++) out[k] = Float.float16ToFloat(b.getShort(2 * k));
                }
                case 'b' -> {
                    for (int k = 0; k < n; k++) out[k] = b.get(k) != 0 ? 1 : 0;
                }
                case 'i' -> {
                    for (int k = 0; k < n; k++) {
                        long v = switch (size) {
                            case 1 -> b.get(k);
                            case 2 -> b.getShort(2 * k);
                            case 4 -> b.getInt(4 * k);
                            default -> b.getLong(8 * k);
                        };
                        if (v > EXACT || v < -EXACT) throw inexact(Long.toString(v), k, source);
                        out[k] = v;
                    }
                }
                default -> { // 'u'
                    for (int k = 0; k < n; k++) {
                        long v = switch (size) {
                            case 1 -> b.get(k) & 0xFFL;
                            case 2 -> b.getShort(2 * k) & 0xFFFFL;
                            case 4 -> b.getInt(4 * k) & 0xFFFFFFFFL;
                            default -> b.getLong(8 * k);
                        };
                        if (Long.compareUnsigned(v, EXACT) > 0) throw inexact(Long.toUnsignedString(v), k, source);
                        out[k] = v;
                    }
                }
            }
            return out;
        }

        private static DataFileException inexact(String v, int k, String source) {
            return new DataFileException(source, "element " + k + " = " + v + " is beyond 2^53 and has no exact double");
        }
    }
}
