package org.engram.cli;

import org.engram.hal.device.Device;
import org.engram.hal.device.Devices;
import org.engram.hal.io.ExperimentFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class ServeCommandTest {
    @Test
    void badOptionsAreUsageErrorsNamingTheProblem(@TempDir Path dir) {
        CliRun noDevice = CliRun.of("serve", "--port", "0");
        assertEquals(ExitCodes.BAD_INPUT, noDevice.exitCode());
        assertTrue(noDevice.err().contains("--device"), noDevice.err());
        CliRun halfTls = CliRun.of("serve", "--port", "0", "--device", "sim:", "--tls-cert", "c.pem", "--store", dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, halfTls.exitCode());
        assertTrue(halfTls.err().contains("TLS needs both a certificate and a key"), halfTls.err());
        CliRun noTokens = CliRun.of("serve", "--port", "0", "--device", "sim:", "--tokens", dir.resolve("missing").toString(),
                "--store", dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, noTokens.exitCode());
        assertTrue(noTokens.err().contains("missing"), noTokens.err());
        CliRun badDevice = CliRun.of("serve", "--port", "0", "--device", "nosuch:", "--store", dir.toString());
        assertNotEquals(ExitCodes.OK, badDevice.exitCode());
        assertTrue(badDevice.err().contains("nosuch"), badDevice.err());
    }

    @Test
    void servesTheEmulatorAndTheVirtualChipWithTheLocalBits(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "serve-test-token-0123 tester\n");
        StringWriter out = new StringWriter();
        var cli = new picocli.CommandLine(new EngramCli());
        cli.setOut(new PrintWriter(out, true));
        int[] code = {-1};
        String[] args = {"serve", "--port", String.valueOf(port), "--device", "sim:", "--device", "brainscales2:virtual",
                "--tokens", tokens.toString(),
                "--store", dir.resolve("store").toString(), "--max-concurrent", "1"};
        Thread t = Thread.ofPlatform().start(() -> code[0] = cli.execute(args));
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!out.toString().contains("listening")) {
                assertTrue(System.nanoTime() < end, "server did not start: " + out);
                Thread.sleep(20);
            }
            var e = ExperimentFiles.parse(Experiments.singleSynapse("", "100 Hz"), false, "tiny");
            System.setProperty("engram.grpc.token", "serve-test-token-0123");
            try (Device remote = Devices.open("grpc://localhost:" + port + "/sim:")) {
                assertEquals(Devices.open("sim:").run(e).sha256(), remote.run(e).sha256());
            }
            // the BrainScaleS-2 adapter is served like any backend: its virtual chip gives the same bits remotely
            var wtet = ExperimentFiles.read(Path.of("..", "examples", "single-synapse-wtet.yaml"));
            try (Device remote = Devices.open("grpc://localhost:" + port + "/brainscales2:virtual")) {
                assertEquals(Devices.open("brainscales2:virtual").run(wtet).sha256(), remote.run(wtet).sha256());
            } finally {
                System.clearProperty("engram.grpc.token");
            }
        } finally {
            t.interrupt();
            t.join(15_000);
        }
        assertEquals(ExitCodes.OK, code[0]);
        assertTrue(out.toString().contains("grpc://localhost:" + port + "/sim:"), out.toString());
        assertTrue(Files.exists(dir.resolve("store").resolve("index.json")));
    }
}
