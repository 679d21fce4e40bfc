package org.engram.cli;

import org.engram.grpc.server.DeviceServer;
import org.engram.grpc.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code engram serve}: serves local devices over gRPC until stopped (Ctrl-C / SIGTERM stop it cleanly). */
@Command(name = "serve", mixinStandardHelpOptions = true, version = "engram " + EngramCli.VERSION,
        description = {"Serve local devices over gRPC (engram.v1.DeviceService, health, reflection).",
                "Clients open grpc://host:port/<device-uri>. See docs/grpc.md."})
final class ServeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--port", defaultValue = "50051", description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free port)")
    int port;

    @Option(names = "--device", required = true, paramLabel = "URI", description = "a device to serve, e.g. sim: (repeatable)")
    List<String> devices;

    @Option(names = "--tokens", paramLabel = "FILE", description = "bearer tokens, one '<token> <client-name>' per line; "
            + "without it the server is open and every caller is 'anonymous'")
    Path tokens;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain (with --tls-key): serve TLS")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM PKCS#8 private key")
    Path tlsKey;

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "engram-store",
            description = "results directory: index.json and results/ (default ${DEFAULT-VALUE})")
    Path store;

    @Option(names = "--max-concurrent", paramLabel = "N", description = "runs at the same time across all devices (default: processors)")
    Integer maxConcurrent;

    @Option(names = "--max-message-bytes", paramLabel = "N", description = "largest request accepted (default 16 MiB)")
    Integer maxMessageBytes;

    @Override
    public Integer call() {
        return Errors.run(spec, this::execute);
    }

    private int execute() throws Exception {
        ServerConfig c;
        try {
            c = new ServerConfig(port, devices, tokens, tlsCert, tlsKey, store,
                    maxConcurrent == null ? Math.max(1, Runtime.getRuntime().availableProcessors()) : maxConcurrent,
                    maxMessageBytes == null ? ServerConfig.DEFAULT_MAX_MESSAGE_BYTES : maxMessageBytes);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
        }
        DeviceServer server;
        try {
            server = DeviceServer.start(c);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
        }
        Thread hook = new Thread(server::close, "engram-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("engram serve: listening on port %d (%s), devices %s, store %s, max concurrent %d%s%n", server.port(),
                server.tls() ? "TLS" : "plaintext", c.deviceUris(), c.store().toAbsolutePath(), c.maxConcurrent(),
                tokens == null ? ", NO AUTHENTICATION (--tokens FILE to require bearer tokens)" : ", tokens from " + tokens);
        for (String d : c.deviceUris()) out.printf("  %s://localhost:%d/%s%n", server.tls() ? "grpcs" : "grpc", server.port(), d);
        out.flush();
        try {
            server.awaitTermination();
        } catch (InterruptedException e) {
            // an embedding program (or a test) stops the command by interrupting its thread
            server.close();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        return ExitCodes.OK;
    }
}
