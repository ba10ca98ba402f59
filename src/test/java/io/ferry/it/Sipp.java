package io.ferry.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs sipp (Debian's sip-tester) scenarios against the test deployment. In CI, a missing sipp fails. */
final class Sipp {

    /** What a run produced. */
    record Result(int exitCode, String output) {
    }

    private Sipp() {
    }

    static void requireSipp() throws IOException, InterruptedException {
        boolean present = new ProcessBuilder("sh", "-c", "command -v sipp").start().waitFor() == 0;
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(present, "sipp is required in CI (.ci/run installs sip-tester)");
        }
        assumeTrue(present, "sipp not installed: apt-get install sip-tester");
    }

    /** One call of {@code scenario} (src/test/resources/sipp) over {@code transport} (u1 or t1) to 127.0.0.1:port. */
    static Result run(String scenario, String transport, int port) throws IOException, InterruptedException {
        return run(scenario, transport, port, List.of());
    }

    /**
     * One call of {@code scenario} as a client to 127.0.0.1:port, with {@code extraArgs} (for example
     * {@code -key name value} for a {@code [name]} keyword, or {@code -cid_str} for the Call-ID).
     */
    static Result run(String scenario, String transport, int port, List<String> extraArgs) throws IOException, InterruptedException {
        return start(scenario, transport, FreePorts.udpAndTcp(), extraArgs, Optional.of(port)).await();
    }

    /**
     * Starts one call of {@code scenario} as a server listening on 127.0.0.1:localPort (a UAS
     * scenario that waits for the test deployment to send to it); {@link Running#await()} waits for it.
     */
    static Running listen(String scenario, String transport, int localPort, List<String> extraArgs) throws IOException, InterruptedException {
        return start(scenario, transport, localPort, extraArgs, Optional.empty());
    }

    /** Waits until a sipp started with {@link #listen} has bound 127.0.0.1:port (u1: UDP, t1: TCP). */
    static void awaitListening(String transport, int port) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> !bindable(transport, port));
    }

    private static boolean bindable(String transport, int port) {
        try {
            if (transport.startsWith("t")) {
                new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress()).close();
            } else {
                new java.net.DatagramSocket(port, java.net.InetAddress.getLoopbackAddress()).close();
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A sipp process under way. */
    record Running(Process process, List<String> command, Path errors, Path output) {

        /** Waits for sipp to end (it has its own -timeout) and returns its exit code and the tail of its output. */
        Result await() throws IOException, InterruptedException {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("sipp did not finish: " + command);
            }
            String errorLog = Files.exists(errors) ? Files.readString(errors, StandardCharsets.ISO_8859_1) : "";
            String text = Files.readString(output, StandardCharsets.ISO_8859_1);
            return new Result(process.exitValue(), errorLog + "\n" + text.substring(Math.max(0, text.length() - 3000)));
        }
    }

    private static Running start(String scenario, String transport, int localPort, List<String> extraArgs, Optional<Integer> remotePort)
            throws IOException, InterruptedException {
        requireSipp();
        Path dir = Files.createDirectories(Path.of("target", "sipp"));
        String run = scenario + "-" + transport + "-" + System.nanoTime();
        Path errors = dir.resolve(run + ".err");
        Path scenarioFile = Path.of("src", "test", "resources", "sipp", scenario + ".xml");
        List<String> cmd = new ArrayList<>(List.of("sipp", "-sf", scenarioFile.toString(), "-m", "1", "-t", transport,
                "-i", "127.0.0.1", "-p", Integer.toString(localPort),
                "-timeout", "20s", "-timeout_error", "-nostdin", "-trace_err", "-error_file", errors.toString(),
                // every message of the (single) call, for diagnosing a failed run
                "-trace_msg", "-message_file", dir.resolve(run + ".msg").toString()));
        cmd.addAll(extraArgs);
        remotePort.ifPresent(p -> cmd.add("127.0.0.1:" + p));
        // to a file, not a pipe: a server-mode sipp writes while the test does other things
        Path output = dir.resolve(run + ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new Running(p, List.copyOf(cmd), errors, output);
    }
}
