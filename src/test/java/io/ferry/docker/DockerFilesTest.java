package io.ferry.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The container files, checked as far as this machine allows: there is no Docker engine, so the
 * image is never built here (docker/README.md).
 */
class DockerFilesTest {

    private static final Path DOCKERFILE = Path.of("docker", "Dockerfile");

    @Test
    void dockerfile_copiesOnlyFilesThatExist() throws IOException {
        Matcher copy = Pattern.compile("(?m)^COPY (?:--\\S+ )*(\\S+) \\S+$")
                .matcher(Files.readString(DOCKERFILE, StandardCharsets.UTF_8));
        int checked = 0;
        while (copy.find()) {
            if (copy.group(0).contains("--from=")) {
                continue;   // built in the first stage
            }
            Path source = Path.of(copy.group(1));
            assertTrue(Files.exists(source), "Dockerfile copies a missing file: " + source);
            checked++;
        }
        assertTrue(checked >= 4, "the Dockerfile copies the pom, the sources and the Liberty config");
    }

    @Test
    void dockerfile_usesOpenLibertyJava17AndExposesTheDocumentedPorts() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE, StandardCharsets.UTF_8);
        assertTrue(dockerfile.contains("FROM openliberty/open-liberty:25.0.0.12-kernel-slim-java17"), "official Open Liberty base, Java 17");
        for (String port : List.of("8080", "8443", "5060/tcp", "5060/udp", "5061", "2855")) {
            assertTrue(dockerfile.matches("(?s).*EXPOSE [^\\n]*\\b" + Pattern.quote(port) + "\\b.*"), "EXPOSE lacks " + port);
        }
    }

    @Test
    void compose_parsesWithTwoFerryNodesAndPostgres() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean available = new ProcessBuilder("sh", "-c", "command -v docker-compose").start().waitFor() == 0;
        if (ci) {
            assertTrue(available, "docker-compose is required in CI (.ci/run installs it)");
        }
        assumeTrue(available, "docker-compose not installed: apt-get install docker-compose");

        ProcessBuilder pb = new ProcessBuilder("docker-compose", "-p", "ferry", "-f", "docker/compose.yaml", "config")
                .redirectErrorStream(true);
        pb.environment().put("FERRY_ADMIN_PASSWORD", "compose-test-admin");
        pb.environment().put("FERRY_DB_PASSWORD", "compose-test-db");
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "docker-compose config hung");
        assertEquals(0, process.exitValue(), out);
        for (String service : List.of("ferry1:", "ferry2:", "postgres:")) {
            assertTrue(out.contains("  " + service), "compose lacks service " + service + "\n" + out);
        }
        assertTrue(out.contains("FERRY_NODE_ID: ferry2"), out);
    }

    @Test
    void compose_refusesToRunWithoutAnAdminPassword() throws Exception {
        assumeTrue(new ProcessBuilder("sh", "-c", "command -v docker-compose").start().waitFor() == 0,
                "docker-compose not installed");
        ProcessBuilder pb = new ProcessBuilder("docker-compose", "-p", "ferry", "-f", "docker/compose.yaml", "config")
                .redirectErrorStream(true);
        pb.environment().remove("FERRY_ADMIN_PASSWORD");
        pb.environment().put("FERRY_DB_PASSWORD", "compose-test-db");
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertTrue(process.exitValue() != 0 && out.contains("FERRY_ADMIN_PASSWORD"), out);
    }
}
