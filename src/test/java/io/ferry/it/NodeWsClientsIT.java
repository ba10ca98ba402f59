package io.ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The handshake policy and the RFC 7118 message rules as Node's `ws` library (JsSIP's WebSocket
 * in Node) meets them: src/test/js/ws-policy-check.js. In CI a missing Node or `npm ci` fails.
 */
@ExtendWith(TestApplication.class)
class NodeWsClientsIT {

    private static final Path JS = Path.of("src", "test", "js");

    @Test
    void wsLibrary_meetsEveryPolicyBranchAndMessageRule() throws Exception {
        boolean ready = Files.isDirectory(JS.resolve("node_modules").resolve("ws"))
                && new ProcessBuilder("sh", "-c", "command -v node").start().waitFor() == 0;
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(ready, "Node and src/test/js/node_modules are required in CI (.ci/run runs npm ci)");
        }
        assumeTrue(ready, "run `npm ci --prefix src/test/js` (and install Node) for the Node client ITs");

        String url = "ws://127.0.0.1:" + FerryServerFixtures.property("ferry.it.httpPort") + "/" + TestApplication.APP + "/sip";
        java.nio.file.Path log = java.nio.file.Files.createTempFile("ws-policy-check-", ".out");
        Process p = new ProcessBuilder("node", "ws-policy-check.js", "--url", url, "--token", TestApplication.TOKEN)
                .directory(JS.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        if (!finished) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        String out = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
        java.nio.file.Files.deleteIfExists(log);
        assertTrue(finished, "node did not finish within 120 s:\n" + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("11 passed, 0 failed"), out);
    }
}
