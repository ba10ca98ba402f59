package io.ferry.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs src/test/js/sip-ws-client.js, the Node SIP-over-WebSocket client (RFC 7118) that checks the
 * wire. In CI a missing Node or {@code npm ci} fails; elsewhere the test is skipped.
 */
final class NodeSipClient {

    private static final Path JS = Path.of("src", "test", "js");

    /** What a run printed, and its exit code (the number of failed checks). */
    record Result(int exitCode, String output) {
    }

    private NodeSipClient() {
    }

    static void requireNode() throws IOException, InterruptedException {
        boolean ready = Files.isDirectory(JS.resolve("node_modules").resolve("ws"))
                && new ProcessBuilder("sh", "-c", "command -v node").start().waitFor() == 0;
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(ready, "Node and src/test/js/node_modules are required in CI (.ci/run runs npm ci)");
        }
        assumeTrue(ready, "run `npm ci --prefix src/test/js` (and install Node) for the Node client ITs");
    }

    /** One scenario ({@code invite}, {@code message}, {@code options}) against {@code url}, with more {@code --name value} arguments. */
    static Result run(String url, String scenario, List<String> args) throws IOException, InterruptedException {
        requireNode();
        List<String> cmd = new ArrayList<>(List.of("node", "sip-ws-client.js", "--url", url, "--scenario", scenario));
        cmd.addAll(args);
        // output to a file: reading a pipe to its end would wait for ever on a client that hangs
        java.nio.file.Path log = java.nio.file.Files.createTempFile("sip-ws-client-", ".out");
        Process p = new ProcessBuilder(cmd).directory(JS.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(60, TimeUnit.SECONDS);
        if (!finished) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        String out = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
        java.nio.file.Files.deleteIfExists(log);
        assertTrue(finished, "node did not finish within 60 s:\n" + out);
        return new Result(p.exitValue(), out);
    }
}
