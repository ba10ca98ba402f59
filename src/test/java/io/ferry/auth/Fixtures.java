package io.ferry.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads exact-byte fixtures from {@code src/test/resources/fixtures/}. */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of the first header called {@code name} in a CRLF-delimited SIP message fixture. */
    static String headerValue(String path, String name) {
        String message = new String(bytes(path), StandardCharsets.UTF_8);
        String prefix = name + ": ";
        for (String line : message.split("\r\n")) {
            if (line.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return line.substring(prefix.length());
            }
        }
        throw new IllegalArgumentException(path + " has no " + name);
    }
}
