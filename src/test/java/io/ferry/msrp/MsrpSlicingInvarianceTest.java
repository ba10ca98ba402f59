package io.ferry.msrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming parser's results must not depend on how the connection's bytes are sliced: same
 * events, same errors, same offsets, for valid and for mutated input, under default and tiny limits.
 */
class MsrpSlicingInvarianceTest {

    private static final String ALPHABET = "\r\n-$+#:/;@[]%* MSRP0123456789abcdefABC.=";

    private static Object run(byte[] m, MsrpLimits limits, int step) {
        RecordingListener l = new RecordingListener();
        MsrpStreamParser p = new MsrpStreamParser(limits, l);
        try {
            for (int i = 0; i < m.length; i += step) p.feed(ByteBuffer.wrap(m, i, Math.min(step, m.length - i)).slice());
        } catch (MsrpParseException e) {
            assertTrue(e.framingLost(), "only framing loss escapes feed: " + e);
            return List.of(l.events(), e.violation(), e.offset());
        }
        return List.of(l.events(), p.isIdle());
    }

    @Test
    void rfc4975_7_1_mutatedStreams_giveTheSameEventsErrorsAndOffsets_howeverSliced() {
        Random r = new Random(4975_7_1L);
        List<MsrpFixtures.Expected> rows = MsrpFixtures.expected();
        MsrpLimits[] limits = {MsrpLimits.DEFAULTS, MsrpLimits.DEFAULTS.withMaxHeaderBlockBytes(150).withMaxLineBytes(60)
                .withMaxBodyBytes(20).withMaxHeaderCount(4).withMaxPathUris(2)};
        for (int round = 0; round < 4000; round++) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            int messages = 1 + r.nextInt(3);
            for (int j = 0; j < messages; j++) all.writeBytes(MsrpFixtures.msrp(rows.get(r.nextInt(rows.size())).file()));
            byte[] m = all.toByteArray();
            int edits = r.nextInt(4);
            for (int k = 0; k < edits; k++) m = mutate(m, r);
            MsrpLimits lim = limits[r.nextInt(limits.length)];
            byte[] input = m;
            Object whole = run(input, lim, Integer.MAX_VALUE);
            assertEquals(whole, run(input, lim, 1 + r.nextInt(9)), () -> "input:\n" + new String(input, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    private static byte[] mutate(byte[] m, Random r) {
        int at = r.nextInt(m.length + 1);
        byte b = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        switch (r.nextInt(3)) {
            case 0 -> {
                if (at == m.length) return m;
                byte[] x = m.clone();
                x[at] = b;
                return x;
            }
            case 1 -> {
                byte[] x = new byte[m.length + 1];
                System.arraycopy(m, 0, x, 0, at);
                x[at] = b;
                System.arraycopy(m, at, x, at + 1, m.length - at);
                return x;
            }
            default -> {
                if (at == m.length) return m;
                byte[] x = new byte[m.length - 1];
                System.arraycopy(m, 0, x, 0, at);
                System.arraycopy(m, at + 1, x, at, m.length - at - 1);
                return x;
            }
        }
    }
}
