package org.engram.grpc.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FairQueueTest {
    @Test
    void clientsAreServedInTurnAndPositionsPredictTheOrder() {
        FairQueue<String> q = new FairQueue<>();
        for (int i = 0; i < 100; i++) q.add("a", "a" + i);
        q.add("b", "b0");
        q.add("c", "c0");
        q.add("c", "c1");
        List<String> expected = new ArrayList<>(List.of("a0", "b0", "c0", "a1", "c1"));
        for (int i = 2; i < 100; i++) expected.add("a" + i);
        for (int i = 0; i < expected.size(); i++) {
            String client = expected.get(i).substring(0, 1);
            assertEquals(i, q.position(client, expected.get(i)), expected.get(i));
        }
        List<String> order = new ArrayList<>();
        String s;
        while ((s = q.poll()) != null) order.add(s);
        assertEquals(expected, order);
        assertEquals(0, q.size());
    }

    @Test
    void removingAJobClosesTheGapAndUnknownJobsHaveNoPosition() {
        FairQueue<String> q = new FairQueue<>();
        q.add("a", "a0");
        q.add("b", "b0");
        q.add("a", "a1");
        assertTrue(q.remove("b", "b0"));
        assertFalse(q.remove("b", "b0"));
        assertEquals(1, q.position("a", "a1"));
        assertEquals(-1, q.position("b", "b0"));
        assertEquals(-1, q.position("a", "zz"));
        assertEquals(List.of("a0", "a1"), q.drain());
    }
}
