package io.ferry.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Builds and deploys copies of Ferry's WAR into the running IT server's dropins/: with another
 * microprofile-config.properties and, optionally, test classes (the test transaction user, the
 * sample SIP applications) and other entries (a {@code WEB-INF/sip.xml}).
 */
final class TestWars {

    private static final String CONFIG_ENTRY = "WEB-INF/classes/META-INF/microprofile-config.properties";

    private TestWars() {
    }

    static Path dropin(String app) {
        return FerryServerFixtures.serverDir().resolve("dropins").resolve(app + ".war");
    }

    /** Writes Ferry's WAR with {@code properties} as its config and the classes under {@code testPackages} added. */
    static void write(String app, String properties, List<String> testPackages) throws IOException {
        write(app, properties, testPackages, Map.of());
    }

    /**
     * As {@link #write(String, String, List)}, and adds {@code entries} (WAR path → bytes, for example
     * {@code WEB-INF/sip.xml}); an entry of Ferry's WAR with the same name is replaced.
     */
    static void write(String app, String properties, List<String> testPackages, Map<String, byte[]> entries) throws IOException {
        Path war = Path.of(FerryServerFixtures.property("ferry.it.war"));
        Path target = dropin(app);
        Path tmp = Files.createTempFile(target.getParent().getParent(), app, ".war");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.getName().equals(CONFIG_ENTRY) && !entries.containsKey(entry.getName())) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            out.putNextEntry(new ZipEntry(CONFIG_ENTRY));
            out.write(properties.getBytes(StandardCharsets.ISO_8859_1));
            out.closeEntry();
            for (Map.Entry<String, byte[]> extra : new TreeMap<>(entries).entrySet()) {
                out.putNextEntry(new ZipEntry(extra.getKey()));
                out.write(extra.getValue());
                out.closeEntry();
            }
            Path classes = Path.of("target", "test-classes");
            for (String pkg : testPackages) {
                Path dir = classes.resolve(pkg.replace('.', '/'));
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        out.putNextEntry(new ZipEntry("WEB-INF/classes/" + classes.relativize(f).toString().replace('\\', '/')));
                        try (InputStream fin = Files.newInputStream(f)) {
                            fin.transferTo(out);
                        }
                        out.closeEntry();
                    }
                }
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deploys and waits until Liberty reports the application started. */
    static void deploy(String app, String properties, List<String> testPackages) {
        deploy(app, properties, testPackages, Map.of());
    }

    /** Deploys with extra WAR entries (see {@link #write(String, String, List, Map)}) and waits until Liberty reports it started. */
    static void deploy(String app, String properties, List<String> testPackages, Map<String, byte[]> entries) {
        try {
            int logBefore = FerryServerFixtures.messagesLog().length();
            write(app, properties, testPackages, entries);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
                String log = FerryServerFixtures.messagesLog().substring(logBefore);
                // CWWKZ0012I: "was not started", when Ferry's initializer fails the deployment
                if (log.matches("(?s).*(CWWKZ000[24]E|CWWKZ0012I)[^\\n]*" + app + "\\b.*")) {
                    throw new AssertionError("test application " + app + " failed to start:\n" + log);
                }
                return log.matches("(?s).*CWWKZ0001I[^\\n]*" + app + "\\b.*");
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void undeploy(String app) {
        try {
            int logBefore = FerryServerFixtures.messagesLog().length();
            if (Files.deleteIfExists(dropin(app))) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                        FerryServerFixtures.messagesLog().substring(logBefore).matches("(?s).*CWWKZ0009I[^\\n]*" + app + "\\b.*"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
