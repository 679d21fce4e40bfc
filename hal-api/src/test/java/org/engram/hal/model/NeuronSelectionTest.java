package org.engram.hal.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class NeuronSelectionTest {
    @Test
    void invertSelectsTheComplement() {
        NeuronSelection outside = new NeuronSelection(new int[0], 0, 3, true);
        assertArrayEquals(new int[] {3, 4, 5}, outside.resolve(6));
        assertArrayEquals(new int[] {0, 2, 4}, NeuronSelection.of(1, 3).inverted().resolve(5));
        assertArrayEquals(new int[0], NeuronSelection.ALL.inverted().resolve(4), "the complement of all is none");
        assertEquals(NeuronSelection.range(0, 3), outside.inverted());
        assertNotEquals(NeuronSelection.range(0, 3), outside);
        assertEquals("not [0, 3)", outside.toString());
    }

    @Test
    void maskMarksTheSelectedNeurons() {
        assertArrayEquals(new boolean[] {false, true, true, false}, NeuronSelection.range(1, 2).mask(4));
        assertArrayEquals(new boolean[] {true, false, false, true}, NeuronSelection.range(1, 2).inverted().mask(4));
        assertArrayEquals(new boolean[] {true, true}, NeuronSelection.ALL.mask(2));
    }

    @Test
    void outOfRangeIsCheckedOnTheNamedIndicesEvenWhenInverted() {
        assertEquals(7, NeuronSelection.of(1, 7).inverted().firstOutOfRange(5));
        assertEquals(-1, NeuronSelection.range(0, 5).inverted().firstOutOfRange(5));
        assertEquals(5, NeuronSelection.range(3, 3).firstOutOfRange(5));
        assertEquals(9, NeuronSelection.range(9, 2).firstOutOfRange(5));
    }

    @Test
    void rangesOfHugePopulationsAreCheckedWithoutMaterialisingThem() {
        // found by the gRPC submit fuzz test: a population near 2^31 neurons used to exhaust the heap here
        assertEquals(-1, NeuronSelection.ALL.firstOutOfRange(Integer.MAX_VALUE));
        assertEquals(-1, NeuronSelection.range(5, Integer.MAX_VALUE - 5).firstOutOfRange(Integer.MAX_VALUE));
        assertEquals(Integer.MAX_VALUE - 1, NeuronSelection.range(Integer.MAX_VALUE - 1, Integer.MAX_VALUE).firstOutOfRange(Integer.MAX_VALUE - 1));
    }

    @Test
    void theThreeArgumentConstructorIsNotInverted() {
        assertFalse(new NeuronSelection(new int[] {1}, 0, 0).invert());
        assertTrue(NeuronSelection.ALL.selectsAll());
        assertFalse(NeuronSelection.ALL.inverted().selectsAll());
    }
}
