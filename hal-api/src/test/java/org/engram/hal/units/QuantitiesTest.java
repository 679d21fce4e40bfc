package org.engram.hal.units;

import org.junit.jupiter.api.Test;

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

    @Test
    void rejectsWhatIsNotAQuantityOfTheRightDimension() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Quantities.parse("5 mV", Dimension.TIME))
                .getMessage().contains("got a voltage"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Quantities.parse("5 parsecs", Dimension.TIME))
                .getMessage().contains("not a known unit"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.parse("fast", Dimension.TIME));
        assertThrows(IllegalArgumentException.class, () -> Quantities.parse("1e999 s", Dimension.TIME));
    }
}
