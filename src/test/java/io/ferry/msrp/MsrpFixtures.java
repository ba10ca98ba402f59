package io.ferry.msrp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads the MSRP fixtures (exact bytes) from src/test/resources/fixtures. */
final class MsrpFixtures {

    /** One row of fixtures/msrp-expected.csv. */
    record Expected(String file, boolean valid, MsrpViolation violation) {
        @Override
        public String toString() { return file; }
    }

    private MsrpFixtures() {}

    /** The bytes of {@code fixtures/<path>}, e.g. {@code msrp("rfc4975/11.1-4-d93kswow-send.msrp")}. */
    static byte[] msrp(String path) {
        try (InputStream in = MsrpFixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Expected> expected() {
        String csv = new String(msrp("msrp-expected.csv"), StandardCharsets.UTF_8);
        List<Expected> rows = new ArrayList<>();
        for (String line : csv.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split(",", -1);
            rows.add(new Expected(f[0], f[1].equals("valid"), f[2].isEmpty() ? null : MsrpViolation.valueOf(f[2])));
        }
        return rows;
    }

    static List<Expected> valid() {
        return expected().stream().filter(Expected::valid).toList();
    }

    static String text(byte[] b) { return new String(b, StandardCharsets.UTF_8); }

    static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
