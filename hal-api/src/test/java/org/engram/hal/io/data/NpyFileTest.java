package org.engram.hal.io.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class NpyFileTest {

    /** A .npy file per numpy.lib.format: magic, version, header length, header padded to padTo, data. */
    static byte[] npy(int major, String dict, int padTo, byte[] data) {
        int lengthBytes = major == 1 ? 2 : 4;
        int preamble = 8 + lengthBytes;
        int unpadded = preamble + dict.length() + 1;
        int total = (unpadded + padTo - 1) / padTo * padTo;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        byte[] h = header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(preamble + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) b.putShort((short) h.length); else b.putInt(h.length);
        return b.put(h).put(data).array();
    }

    static String dict(String descr, boolean fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
    }

    static byte[] doubles(ByteOrder order, double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(order);
        for (double x : v) b.putDouble(x);
        return b.array();
    }

    @Test void readsFloat64PaddedTo64As1xWrites() {
        byte[] file = npy(1, dict("<f8", false, "(2, 3)"), 64, doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6.5));
        assertEquals(128 + 48, file.length, "preamble padded to a multiple of 64 bytes");
        NumericArray a = NpyFile.read(file, "m.npy");
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertEquals(6.5, a.get(1, 2));
        assertEquals(4, a.get(1, 0));
    }

    @Test void readsOldHeaderPaddedTo16AndVersions2And3() {
        byte[] data = doubles(ByteOrder.LITTLE_ENDIAN, -1.25, 7);
        for (int major = 1; major <= 3; major++) {
            byte[] file = npy(major, dict("<f8", false, "(2,)"), 16, data);
            NumericArray a = NpyFile.read(file, "v" + major + ".npy");
            assertArrayEquals(new int[] {2}, a.shape(), "version " + major);
            assertArrayEquals(new double[] {-1.25, 7}, a.toArray());
            assertEquals(1, a.cols());
        }
    }

    @Test void bigEndianFloat64AndDoubleQuotedKeysAndPython2Longs() {
        byte[] file = npy(1, "{\"descr\": \">f8\", \"fortran_order\": False, \"shape\": (1L, 2L)}", 16,
                doubles(ByteOrder.BIG_ENDIAN, 3.5, -0.125));
        NumericArray a = NpyFile.read(file, "be.npy");
        assertArrayEquals(new double[] {3.5, -0.125}, a.toArray());
        assertEquals(2, a.cols());
    }

    @Test void fortranOrderIsTransposedToRowMajor() {
        // the 2 x 3 matrix [[0, 1, 2], [3, 4, 5]] stored column by column
        byte[] file = npy(1, dict("<f8", true, "(2, 3)"), 64, doubles(ByteOrder.LITTLE_ENDIAN, 0, 3, 1, 4, 2, 5));
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, NpyFile.read(file, "f.npy").toArray());
    }

    @Test void integerFloatAndBoolDtypes() {
        ByteBuffer i4 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-2).putInt(70000);
        assertArrayEquals(new double[] {-2, 70000}, NpyFile.read(npy(1, dict("<i4", false, "(2,)"), 64, i4.array()), "x").toArray());
        ByteBuffer i8 = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putLong(-5).putLong(1L << 40);
        assertArrayEquals(new double[] {-5, 1L << 40}, NpyFile.read(npy(1, dict(">i8", false, "(2,)"), 64, i8.array()), "x").toArray());
        assertArrayEquals(new double[] {-1, 127}, NpyFile.read(npy(1, dict("|i1", false, "(2,)"), 64, new byte[] {-1, 127}), "x").toArray());
        assertArrayEquals(new double[] {255, 0}, NpyFile.read(npy(1, dict("|u1", false, "(2,)"), 64, new byte[] {-1, 0}), "x").toArray());
        assertArrayEquals(new double[] {65535}, NpyFile.read(npy(1, dict("<u2", false, "(1,)"), 64, new byte[] {-1, -1}), "x").toArray());
        assertArrayEquals(new double[] {1, 0, 1},
                NpyFile.read(npy(1, dict("|b1", false, "(3,)"), 64, new byte[] {1, 0, 1}), "x").toArray());
        ByteBuffer f4 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.1f).putFloat(-3f);
        assertArrayEquals(new double[] {0.1f, -3}, NpyFile.read(npy(1, dict("<f4", false, "(2,)"), 64, f4.array()), "x").toArray());
        ByteBuffer f2 = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort(Float.floatToFloat16(1.5f));
        assertArrayEquals(new double[] {1.5}, NpyFile.read(npy(1, dict("<f2", false, "(1,)"), 64, f2.array()), "x").toArray());
    }

    @Test void emptyArrayIsAllowed() {
        NumericArray a = NpyFile.read(npy(1, dict("<f8", false, "(0,)"), 64, new byte[0]), "e.npy");
        assertEquals(0, a.size());
    }

    static String error(byte[] file) {
        return assertThrows(DataFileException.class, () -> NpyFile.read(file, "bad.npy")).getMessage();
    }

    @Test void errorsNameTheFileAndTheRule() {
        byte[] eight = new byte[8];
        assertTrue(error(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}).matches("bad\\.npy: not a \\.npy file.*magic.*"));
        assertTrue(error(npy(1, dict("<c16", false, "(1,)"), 64, new byte[16])).contains("unsupported dtype '<c16'"));
        assertTrue(error(npy(1, dict("|O", false, "(1,)"), 64, eight)).contains("unsupported dtype '|O'"));
        assertTrue(error(npy(1, "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", 64, eight))
                .contains("structured dtypes are not supported"));
        assertTrue(error(npy(1, dict("<f8", false, "(1, 1, 1)"), 64, eight)).contains("3 dimensions"));
        assertTrue(error(npy(1, dict("<f8", false, "()"), 64, eight)).contains("scalar"));
        String truncated = error(npy(1, dict("<f8", false, "(2, 2)"), 64, new byte[31]));
        assertTrue(truncated.startsWith("bad.npy: truncated data"), truncated);
        assertTrue(truncated.contains("needs 32 bytes, the file has 31"), truncated);
        assertTrue(error(npy(1, dict("<f8", false, "(1,)"), 64, new byte[9])).contains("1 bytes after the data"));
        assertTrue(error(npy(4, dict("<f8", false, "(1,)"), 64, eight)).contains("version 4.0"));
        assertTrue(error(npy(1, dict("=f8", false, "(1,)"), 64, eight)).contains("byte order '='"));
        assertTrue(error(npy(1, "{'descr': '<f8', 'shape': (1,), }", 64, eight)).contains("fortran_order"));
        ByteBuffer huge = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong((1L << 53) + 1);
        assertTrue(error(npy(1, dict("<i8", false, "(1,)"), 64, huge.array())).contains("beyond 2^53"));
        byte[] cut = npy(1, dict("<f8", false, "(1,)"), 64, eight);
        assertTrue(error(java.util.Arrays.copyOf(cut, 30)).contains("truncated header"));
    }

    @Test void writerWritesF8COrderV1PaddedTo64AndRoundTrips(@TempDir Path dir) throws IOException {
        NumericArray m = NumericArray.matrix(2, 3, new double[] {1e-300, -0.0, Double.MAX_VALUE, Math.PI, 5, -7});
        byte[] bytes = NpyFile.toBytes(m);
        int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLength) % 64);
        assertEquals('\n', bytes[10 + headerLength - 1]);
        assertEquals(1, bytes[6]);
        Path f = dir.resolve("m.npy");
        NpyFile.write(f, m);
        NumericArray back = NpyFile.read(f);
        assertEquals(m, back);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.get(0, 1)));
        NumericArray v = NumericArray.vector(new double[] {1, 2, 3});
        assertEquals(v, NpyFile.read(NpyFile.toBytes(v), "v"));
        assertEquals("(3,)", v.shapeString());
    }

    // Resources made by numpy 2.4.6 (numpy.lib.format) with:
    // python3 -c "import numpy as np, numpy.lib.format as F; np.save('f8_c.npy', np.arange(12.0).reshape(3, 4) / 7);
    //   np.save('f4_fortran.npy', np.asfortranarray(np.arange(6, dtype='<f4').reshape(2, 3) * 0.5));
    //   np.save('i8_big_endian.npy', np.array([-3, 0, 5, 2**40], dtype='>i8'));
    //   np.save('bool.npy', np.array([[True, False, True], [False, True, False]]));
    //   np.save('u1.npy', np.array([0, 1, 255], dtype=np.uint8)); np.save('i4_3d.npy', np.zeros((2, 2, 2), dtype='<i4'));
    //   F.write_array(open('f8_v2.npy', 'wb'), np.array([1.5, -2.25]), version=(2, 0));
    //   F.write_array(open('f8_v3.npy', 'wb'), np.array([1.5, -2.25]), version=(3, 0))"
    static byte[] resource(String name) throws IOException {
        try (InputStream in = NpyFileTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    @Test void readsFilesWrittenByNumpy() throws IOException {
        NumericArray c = NpyFile.read(resource("f8_c.npy"), "f8_c.npy");
        assertArrayEquals(new int[] {3, 4}, c.shape());
        for (int i = 0; i < 12; i++) assertEquals(i / 7.0, c.get(i));
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2, 2.5}, NpyFile.read(resource("f4_fortran.npy"), "f").toArray());
        assertArrayEquals(new double[] {-3, 0, 5, 1L << 40}, NpyFile.read(resource("i8_big_endian.npy"), "i").toArray());
        NumericArray b = NpyFile.read(resource("bool.npy"), "b");
        assertArrayEquals(new double[] {1, 0, 1, 0, 1, 0}, b.toArray());
        assertEquals(3, b.cols());
        assertArrayEquals(new double[] {0, 1, 255}, NpyFile.read(resource("u1.npy"), "u").toArray());
        assertArrayEquals(new double[] {1.5, -2.25}, NpyFile.read(resource("f8_v2.npy"), "v2").toArray());
        assertArrayEquals(new double[] {1.5, -2.25}, NpyFile.read(resource("f8_v3.npy"), "v3").toArray());
        assertTrue(assertThrows(DataFileException.class, () -> NpyFile.read(resource("i4_3d.npy"), "i4_3d.npy"))
                .getMessage().startsWith("i4_3d.npy: shape (2, 2, 2) has 3 dimensions"));
    }

    @Test void writerProducesTheBytesNumpyWrites() throws IOException {
        byte[] numpy = resource("f8_c.npy");
        assertArrayEquals(numpy, NpyFile.toBytes(NpyFile.read(numpy, "f8_c.npy")));
    }
}
