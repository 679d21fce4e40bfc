package org.engram.nativelib;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** The libraries load from the module directory, from a jar (extracted) and from an explicit path. */
class LoadingTest {
    @Test
    void fromTheModuleDirectory() {
        Path p = NativeLibraries.kernel();
        assertTrue(p.toString().endsWith("target/classes/linux-x86-64/libengram.so"), p.toString());
    }

    @Test
    void fromAJarByExtraction(@TempDir Path dir) throws Exception {
        Path lib = NativeLibraries.kernel();
        Path jar = dir.resolve("lib.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(NativeLibraries.PLATFORM + "/libengram.so"));
            out.write(Files.readAllBytes(lib));
            out.closeEntry();
        }
        try (URLClassLoader cl = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            Path extracted = NativeLibraries.resolve(cl, "engram");
            assertNotEquals(lib, extracted);
            assertArrayEquals(Files.readAllBytes(lib), Files.readAllBytes(extracted), "the extracted file is the library");
        }
    }

    /** A child JVM with -Dengram.native.lib / -Dengram.chip.lib loads those files, through each binding, without warnings. */
    @ParameterizedTest
    @EnumSource(Binding.class)
    void fromAnExplicitPathInAFreshJvm(Binding b, @TempDir Path dir) throws Exception {
        Path kernel = Files.copy(NativeLibraries.kernel(), dir.resolve("libkernel-copy.so"));
        Path chip = Files.copy(NativeLibraries.chip(), dir.resolve("libchip-copy.so"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Dengram.native.lib=" + kernel,
                "-Dengram.chip.lib=" + chip, "-Dengram.native.binding=" + b.name().toLowerCase(),
                "-cp", System.getProperty("java.class.path"), NativeInfo.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("binding " + b), out);
        assertTrue(out.contains("kernel " + kernel + " abi " + org.engram.nativelib.kernel.KernelAbi.ABI_VERSION), out);
        assertTrue(out.contains("chip " + chip + " engram loopback"), out);
        assertFalse(out.contains("WARNING"), "no native-access warnings: " + out);
    }

    @Test
    void aMissingExplicitPathIsAClearError() {
        String old = System.getProperty(NativeLibraries.KERNEL_PROPERTY);
        System.setProperty(NativeLibraries.KERNEL_PROPERTY, "/nonexistent/libengram.so");
        try {
            UnsatisfiedLinkError e = assertThrows(UnsatisfiedLinkError.class, NativeLibraries::kernel);
            assertTrue(e.getMessage().contains("-Dengram.native.lib=/nonexistent/libengram.so: no such file"), e.getMessage());
        } finally {
            if (old == null) System.clearProperty(NativeLibraries.KERNEL_PROPERTY);
            else System.setProperty(NativeLibraries.KERNEL_PROPERTY, old);
        }
    }
}
