package io.ferry.it;

import static io.ferry.it.FerryServerFixtures.client;
import static io.ferry.it.FerryServerFixtures.get;
import static io.ferry.it.FerryServerFixtures.http;
import static io.ferry.it.FerryServerFixtures.messagesLog;
import static io.ferry.it.FerryServerFixtures.property;
import static io.ferry.it.FerryServerFixtures.serverDir;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A bad configuration value fails the deployment with a message naming the key and the allowed
 * values. The test deploys a second copy of Ferry's WAR, whose microprofile-config.properties sets
 * an invalid node id, into the running server's dropins/, and removes it afterwards.
 */
class BadConfigIT {

    private static final String APP = "ferry-badconfig";
    private static final Path DROPIN = serverDir().resolve("dropins").resolve(APP + ".war");

    @Test
    void invalidNodeId_failsTheDeployWithTheKeyAndAllowedValues() throws Exception {
        int logLengthBefore = messagesLog().length();
        writeWarWithConfig(Path.of(property("ferry.it.war")), DROPIN, "ferry.node-id=not a valid id!\n");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                messagesLog().substring(logLengthBefore).contains("Invalid configuration ferry.node-id"));
        String log = messagesLog().substring(logLengthBefore);
        assertTrue(log.contains("Invalid configuration ferry.node-id=\"not a valid id!\": allowed values are 1-32 letters"),
                "the message names the key, the value and what is allowed");
        await().atMost(Duration.ofSeconds(60)).until(() -> messagesLog().substring(logLengthBefore)
                .matches("(?s).*CWWKZ000[24]E[^\\n]*" + APP + ".*"));

        assertEquals(404, get(client(), http("/" + APP + "/health")).statusCode(), "the bad application is not started");
        var ferry = get(client(), http("/health/live"));
        assertTrue(ferry.body().contains("\"name\":\"ferry\",\"status\":\"UP\""), "the running Ferry is not affected: " + ferry.body());
    }

    @AfterAll
    static void removeTheBadApplication() throws Exception {
        Files.deleteIfExists(DROPIN);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            var ready = get(client(), http("/health/ready"));
            return ready.statusCode() == 200;
        });
    }

    /** Copies {@code war} to {@code target} with WEB-INF/classes/META-INF/microprofile-config.properties replaced. */
    static void writeWarWithConfig(Path war, Path target, String properties) throws IOException {
        String configEntry = "WEB-INF/classes/META-INF/microprofile-config.properties";
        Path tmp = Files.createTempFile(target.getParent().getParent(), APP, ".war");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.getName().equals(configEntry)) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    copy(in, out);
                    out.closeEntry();
                }
            }
            out.putNextEntry(new ZipEntry(configEntry));
            out.write(properties.getBytes(StandardCharsets.ISO_8859_1));
            out.closeEntry();
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void copy(InputStream in, ZipOutputStream out) throws IOException {
        in.transferTo(out);
    }
}
