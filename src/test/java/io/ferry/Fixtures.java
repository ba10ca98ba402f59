package io.ferry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Loads protocol fixtures from {@code src/test/resources/fixtures/} as exact bytes.
 *
 * <p>{@code Fixtures.sip("rfc4475/valid/3.1.1.1-wsinv")} reads
 * {@code fixtures/rfc4475/valid/3.1.1.1-wsinv.sip}. Nothing is decoded or normalised: CRLF, NUL
 * and invalid UTF-8 reach the test unchanged.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** The bytes of {@code fixtures/<name>.sip}. */
    public static byte[] sip(String name) {
        return bytes(name + ".sip");
    }

    /** The bytes of {@code fixtures/<name>.msrp}. */
    public static byte[] msrp(String name) {
        return bytes(name + ".msrp");
    }

    /** The bytes of {@code fixtures/<path>}, the file name included. */
    public static byte[] bytes(String path) {
        String resource = "/fixtures/" + path;
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + resource, e);
        }
    }
}
