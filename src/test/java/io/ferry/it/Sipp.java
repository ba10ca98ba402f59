package io.ferry.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        requireSipp();
        Path dir = Files.createDirectories(Path.of("target", "sipp"));
        String run = scenario + "-" + transport + "-" + System.nanoTime();
        Path errors = dir.resolve(run + ".err");
        Path scenarioFile = Path.of("src", "test", "resources", "sipp", scenario + ".xml");
        List<String> cmd = List.of("sipp", "-sf", scenarioFile.toString(), "-m", "1", "-t", transport,
                "-i", "127.0.0.1", "-p", Integer.toString(FreePorts.udpAndTcp()),
                "-timeout", "20s", "-timeout_error", "-nostdin", "-trace_err", "-error_file", errors.toString(),
                "127.0.0.1:" + port);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("sipp did not finish: " + cmd);
        }
        String errorLog = Files.exists(errors) ? Files.readString(errors, StandardCharsets.ISO_8859_1) : "";
        String text = new String(out, StandardCharsets.ISO_8859_1);
        return new Result(p.exitValue(), errorLog + "\n" + text.substring(Math.max(0, text.length() - 3000)));
    }
}
