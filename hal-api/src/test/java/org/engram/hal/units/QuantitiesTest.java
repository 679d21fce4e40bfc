package org.engram.hal.units;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.*;

class QuantitiesTest {
    @Test
    void convertsToBaseUnits() {
        assertEquals(0.0488, Quantities.parse("48.8 ms", Dimension.TIME), 1e-15);
        assertEquals(28800, Quantities.parse("8 h", Dimension.TIME));
        assertEquals(-65, Quantities.parse("-65mV", Dimension.VOLTAGE));
        assertEquals(0.15, Quantities.parse("150 pA", Dimension.CURRENT), 1e-12);
        assertEquals(10, Quantities.parse("10 MOhm", Dimension.RESISTANCE));
        assertEquals(1e-6, Quantities.parse("1e-3 ms", Dimension.TIME), 1e-18);
    }

    /**
     * Each quantity is the double nearest its exact decimal value in the base unit, which is what
     * Double.parseDouble gives for that decimal written out: compared bit for bit.
     */
    @ParameterizedTest(name = "{0} = {2} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            48.8 ms    | TIME       | 0.0488
            18.8 ms    | TIME       | 0.0188
            688.4 s    | TIME       | 688.4
            0.2 ms     | TIME       | 0.0002
            1.7 ms     | TIME       | 0.0017
            0.1 ms     | TIME       | 0.0001
            1e-3 ms    | TIME       | 0.000001
            250 us     | TIME       | 0.00025
            1 h        | TIME       | 3600
            8 h        | TIME       | 28800
            0.1 h      | TIME       | 360
            1 min      | TIME       | 60
            1.5 min    | TIME       | 90
            0.01 min   | TIME       | 0.6
            -65 mV     | VOLTAGE    | -65
            4.20075 mV | VOLTAGE    | 4.20075
            0.0421 V   | VOLTAGE    | 42.1
            0.15 nA    | CURRENT    | 0.15
            150 pA     | CURRENT    | 0.15
            10 MOhm    | RESISTANCE | 10
            33 kOhm    | RESISTANCE | 0.033
            100 Hz     | FREQUENCY  | 100
            0.3 kHz    | FREQUENCY  | 300
            """)
    void scalesDecimallyToTheNearestDouble(String text, Dimension dimension, String exact) {
        assertEquals(Double.parseDouble(exact), Quantities.parse(text, dimension));
    }

    @Test
    void aProductOfDoublesWouldBeOffByOneUlp() {
        // what multiplying by the factor gave: the reason for the decimal scaling
        assertNotEquals(0.0488, 48.8 * 1e-3);
        assertEquals(0.0488, Quantities.parse("48.8 ms", Dimension.TIME));
        assertEquals(Math.ulp(0.0488), Math.abs(0.0488 - 48.8 * 1e-3));
    }

    @Test
    void negativeZeroKeepsItsSign() {
        assertEquals(-0.0, Quantities.parse("-0 ms", Dimension.TIME));
        assertEquals(0.0, Quantities.parse("0 ms", Dimension.TIME));
    }

    @Test
    void rejectsWhatIsNotAQuantityOfTheRightDimension() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Quantities.parse("5 mV", Dimension.TIME))
                .getMessage().contains("got a voltage"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Quantities.parse("5 parsecs", Dimension.TIME))
                .getMessage().contains("not a known unit"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.parse("fast", Dimension.TIME));
        assertThrows(IllegalArgumentException.class, () -> Quantities.parse("1e999 s", Dimension.TIME));
        assertThrows(IllegalArgumentException.class, () -> Quantities.parse("1e99999999999 s", Dimension.TIME));
    }
}
