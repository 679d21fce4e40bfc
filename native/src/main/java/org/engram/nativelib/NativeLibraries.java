package org.engram.nativelib;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the module's shared libraries and loads them for FFM: from an explicit path (system property),
 * from the class path as a file (running from {@code target/classes}), or extracted from the jar to a
 * temporary file. The libraries sit under JNA's resource prefix ({@value #PLATFORM}/), so JNA resolves
 * the same files.
 */
public final class NativeLibraries {
    /** JNA's resource prefix for this platform; CMake writes the libraries there. */
    public static final String PLATFORM = "linux-x86-64";
    /** The network kernel (engram_kernel.h); path override: {@value #KERNEL_PROPERTY}. */
    public static final String KERNEL = "engram";
    public static final String KERNEL_PROPERTY = "engram.native.lib";
    /**
     * The chip driver (engram_chip.h): the built-in library serving {@code virtual:} (the virtual
     * BrainScaleS-2 chip) and {@code loopback:}, or a lab's driver at {@value #CHIP_PROPERTY}. One driver
     * library per process: the bindings resolve the ec_* symbols once.
     */
    public static final String CHIP_VIRTUAL = "engram_chip_virtual";
    /** The loopback-only driver: the smallest example of a driver library (not loaded by default). */
    public static final String CHIP_LOOPBACK = "engram_chip_loopback";
    public static final String CHIP_PROPERTY = "engram.chip.lib";

    private static final Map<String, Path> PATHS = new ConcurrentHashMap<>();
    private static final Set<Path> LOADED = new HashSet<>();

    private NativeLibraries() {}

    public static Path kernel() { return path(KERNEL, KERNEL_PROPERTY); }

    public static Path chip() { return path(CHIP_VIRTUAL, CHIP_PROPERTY); }

    /** The file of library {@code name}: the property's path when set, else the class-path resource. */
    public static Path path(String name, String property) {
        String override = System.getProperty(property);
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override).toAbsolutePath();
            if (!Files.isRegularFile(p)) {
                throw new UnsatisfiedLinkError("-D" + property + "=" + override + ": no such file");
            }
            return p;
        }
        return PATHS.computeIfAbsent(name, n -> resolve(NativeLibraries.class.getClassLoader(), n));
    }

    /** The class-path resource of library {@code name} in {@code loader}, as a file (extracted from a jar when needed). */
    static Path resolve(ClassLoader loader, String name) {
        String resource = PLATFORM + "/" + System.mapLibraryName(name);
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new UnsatisfiedLinkError("native library " + resource + " is not on the class path (build the native module: "
                    + "./mvnw -pl native -am install -DskipTests)");
        }
        try {
            if ("file".equals(url.getProtocol())) return Path.of(url.toURI());
            Path tmp = Files.createTempFile("lib" + name + "-", ".so");   // running from a jar
            tmp.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("extracting " + resource, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * System.load()s the library once, by this module's class loader: the jextract-shaped bindings look
     * symbols up with {@code SymbolLookup.loaderLookup()}.
     */
    public static synchronized Path loadForFfm(Path path) {
        if (LOADED.add(path)) System.load(path.toString());
        return path;
    }
}
