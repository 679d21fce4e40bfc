package org.engram.hal.device;

import org.engram.hal.model.Experiment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DevicesTest {
    /** A provider that opens a device remembering which provider made it. */
    record Fake(String scheme, int priority, Availability availability) implements DeviceProvider {
        @Override public String description() { return scheme + " p" + priority; }
        @Override public Availability isAvailable() { return availability; }
        @Override public Device open(String uri) {
            if (uri.contains("bad")) throw new IllegalArgumentException("unknown engine in " + uri);
            String tag = description();
            return new Device() {
                @Override public String uri() { return tag; }
                @Override public Capabilities capabilities() { throw new UnsupportedOperationException(); }
                @Override public FitReport check(Experiment e) { throw new UnsupportedOperationException(); }
                @Override public Job submit(Experiment e) { throw new UnsupportedOperationException(); }
            };
        }
    }

    static final Availability DOWN = Availability.unavailable("libfake.so does not load", "install libfake");

    @Test
    void theMostSpecificSchemeThenAvailabilityThenPriorityWins() {
        var low = new Fake("x", 1, Availability.AVAILABLE);
        var high = new Fake("x", 9, Availability.AVAILABLE);
        var highDown = new Fake("x", 10, DOWN);
        var specific = new Fake("x:fast", 0, Availability.AVAILABLE);
        List<DeviceProvider> all = List.of(low, highDown, high, specific);
        assertEquals("x p9", Devices.open("x:", all).uri(), "available before unavailable, then higher priority");
        assertEquals("x p9", Devices.open("x:slow?y=1", all).uri());
        assertEquals("x:fast p0", Devices.open("x:fast?y=1", all).uri(), "a provider of x:fast serves it ahead of x");
        assertEquals(List.of(high, low, highDown), Devices.serving("x:", all));
    }

    @Test
    void noAvailableProviderNamesEachReasonAndFix() {
        var x = assertThrows(DeviceUnavailableException.class, () -> Devices.open("x:", List.of(new Fake("x", 5, DOWN))));
        assertEquals("no available provider for x:: x: libfake.so does not load (fix: install libfake)", x.getMessage());
    }

    @Test
    void anUnknownDeviceIsNoSuchDevice() {
        List<DeviceProvider> all = List.of(new Fake("x", 5, Availability.AVAILABLE), new Fake("y", 5, Availability.AVAILABLE));
        var x = assertThrows(NoSuchDeviceException.class, () -> Devices.open("z:", all));
        assertEquals("no device provider for 'z:' (schemes: x:, y:; engram devices lists them)", x.getMessage());
        assertThrows(NoSuchDeviceException.class, () -> Devices.open("noscheme", all));
        var bad = assertThrows(NoSuchDeviceException.class, () -> Devices.open("x:bad", all));
        assertEquals("unknown engine in x:bad", bad.getMessage(), "the provider's refusal is kept, as a usage error");
    }

    @Test
    void aMinimalProviderHasDefaults() {
        DeviceProvider minimal = new DeviceProvider() {
            @Override public String scheme() { return "m"; }
            @Override public String description() { return "m"; }
            @Override public Device open(String uri) { return null; }
        };
        assertTrue(minimal.isAvailable().available());
        assertEquals(DeviceProvider.DEFAULT_PRIORITY, minimal.priority());
        assertEquals(List.of(), minimal.devices());
        assertThrows(IllegalArgumentException.class, () -> Availability.unavailable(" ", "fix"), "unavailable must say why");
    }
}
