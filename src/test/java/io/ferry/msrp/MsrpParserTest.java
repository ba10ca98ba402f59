package io.ferry.msrp;

import static io.ferry.msrp.MsrpFixtures.bytes;
import static io.ferry.msrp.MsrpFixtures.msrp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-shot parser: one message per buffer (RFC 7977 §5.1). */
class MsrpParserTest {

    @Test
    void rfc7977_5_1_oneWebSocketMessage_isOneMsrpMessage_trailingBytesAreRejected() {
        byte[] one = msrp("rfc7977/8.2.2-f2-6aef-200.msrp");
        byte[] two = Arrays.copyOf(one, one.length * 2);
        System.arraycopy(one, 0, two, one.length, one.length);
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> MsrpParser.parse(two));
        assertEquals(MsrpViolation.TRAILING_DATA, e.violation());
        assertEquals(one.length, e.offset());
        assertTrue(e.framingLost());
    }

    @Test
    void rfc7977_5_1_messageCutShort_isTruncated() {
        byte[] wire = msrp("rfc7977/8.2.2-f1-6aef-send-alice-to-relay.msrp");
        for (int len = 0; len < wire.length; len++) {
            int n = len;
            MsrpParseException e = assertThrows(MsrpParseException.class, () -> MsrpParser.parse(Arrays.copyOf(wire, n)), "length " + n);
            assertEquals(MsrpViolation.TRUNCATED, e.violation(), "length " + n);
        }
    }

    @Test
    void rfc4975_7_1_bodyOfTheFrame_isAReadOnlyViewOfTheInput() {
        byte[] wire = msrp("rfc4975/11.1-4-d93kswow-send.msrp");
        MsrpFrame f = MsrpParser.parse(wire);
        ByteBuffer body = f.body();
        assertTrue(body.isReadOnly());
        assertEquals("Hi, I'm Alice!", java.nio.charset.StandardCharsets.UTF_8.decode(body).toString());
        assertEquals(14, f.bodyLength());
        int lastBodyByte = wire.length - "\r\n-------d93kswow$\r\n".length() - 1;
        wire[lastBodyByte] = 'X';
        assertEquals('X', f.body().get(13), "the body is a view of the input, not a copy");
    }

    @Test
    void rfc4975_7_1_offsetsAreRelativeToTheBufferPosition() {
        byte[] junk = bytes("0123456789");
        byte[] wire = bytes("MSRP abcd SEND\r\nTo-Path: msrp://a.example.com:1/s;tcp\r\nFrom-Path: msrp://b.example.com:1/s;tcp\r\nByte-Range: 9-1/2\r\n-------abcd$\r\n");
        ByteBuffer buf = ByteBuffer.allocate(junk.length + wire.length).put(junk).put(wire);
        buf.position(junk.length);
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> MsrpParser.parse(buf));
        assertEquals(MsrpViolation.BYTE_RANGE_INVALID, e.violation());
        assertEquals(new String(wire, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("9-1/2"), e.offset());
        assertEquals("abcd", e.transactionId());
        assertEquals(junk.length, buf.position());
    }

    @Test
    void parsers_onMutatedFixtures_throwOnlyMsrpParseException() {
        Random random = new Random(4975);
        for (MsrpFixtures.Expected e : MsrpFixtures.expected()) {
            byte[] wire = msrp(e.file());
            for (int round = 0; round < 300; round++) {
                byte[] m = wire.clone();
                int edits = 1 + random.nextInt(4);
                for (int k = 0; k < edits; k++) {
                    int at = random.nextInt(m.length);
                    m[at] = switch (random.nextInt(6)) {
                        case 0 -> (byte) random.nextInt(256);
                        case 1 -> '\r';
                        case 2 -> '\n';
                        case 3 -> '-';
                        case 4 -> (byte) "$+# :/;@[]%*".charAt(random.nextInt(12));
                        default -> (byte) ('0' + random.nextInt(10));
                    };
                }
                try {
                    MsrpFrame f = MsrpParser.parse(m);
                    MsrpSerializer.toBytes(f);
                } catch (MsrpParseException expected) {
                    // the only exception a parser may throw
                }
                RecordingListener l = new RecordingListener();
                MsrpStreamParser p = new MsrpStreamParser(l);
                try {
                    for (int i = 0; i < m.length; i += 7) p.feed(ByteBuffer.wrap(m, i, Math.min(7, m.length - i)).slice());
                } catch (MsrpParseException expected) {
                    assertTrue(expected.framingLost());
                }
            }
        }
    }
}
