package io.ferry.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipFramerTest {

    private final SipSerializer serializer = new SipSerializer();

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static byte[] crlf(String s) {
        return SipParserTest.crlf(s);
    }

    private static final byte[] REGISTER = crlf(SipParserTest.REGISTER_F1);
    private static final byte[] INVITE = SipParserTest.inviteWithSdp();
    private static final byte[] REPLY = Fixtures.bytes("jssip-kamailio/kamailio-jssip-register-200.txt");

    @Test
    void rfc3261_18_3_mergedSegments_yieldEveryMessageInOrder() throws Exception {
        SipFramer framer = new SipFramer(SipLimits.defaults());
        List<SipFrame> frames = framer.feed(ByteBuffer.wrap(concat(REGISTER, INVITE, REPLY)));
        assertEquals(3, frames.size());
        assertArrayEquals(REGISTER, serializer.toBytes(((SipFrame.Message) frames.get(0)).message()));
        assertArrayEquals(INVITE, serializer.toBytes(((SipFrame.Message) frames.get(1)).message()));
        assertArrayEquals(REPLY, serializer.toBytes(((SipFrame.Message) frames.get(2)).message()));
        assertEquals(0, framer.buffered());
    }

    @Test
    void rfc3261_18_3_splitAtEveryByte_yieldsTheSameMessages() throws Exception {
        byte[] stream = concat(INVITE, crlf("\n\n"), REGISTER, INVITE);
        for (int chunk = 1; chunk <= 64; chunk = chunk < 8 ? chunk + 1 : chunk * 2) {
            SipFramer framer = new SipFramer(SipLimits.defaults());
            List<SipFrame> frames = new ArrayList<>();
            for (int i = 0; i < stream.length; i += chunk) {
                framer.feed(stream, i, Math.min(chunk, stream.length - i), frames::add);
            }
            assertEquals(4, frames.size(), "chunk " + chunk);
            assertArrayEquals(INVITE, serializer.toBytes(((SipFrame.Message) frames.get(0)).message()));
            assertSame(SipFrame.PING, frames.get(1));
            assertArrayEquals(REGISTER, serializer.toBytes(((SipFrame.Message) frames.get(2)).message()));
            assertArrayEquals(INVITE, serializer.toBytes(((SipFrame.Message) frames.get(3)).message()));
            assertEquals(0, framer.buffered());
        }
    }

    @Test
    void feed_doesNotKeepReferencesToTheCallersBuffer() throws Exception {
        SipFramer framer = new SipFramer(SipLimits.defaults());
        byte[] stream = concat(REGISTER, INVITE);
        int cut = REGISTER.length + 40;
        byte[] first = java.util.Arrays.copyOf(stream, cut);
        List<SipFrame> frames = new ArrayList<>();
        framer.feed(first, 0, first.length, frames::add);
        java.util.Arrays.fill(first, (byte) 'X');
        framer.feed(stream, cut, stream.length - cut, frames::add);
        assertEquals(2, frames.size());
        assertArrayEquals(INVITE, serializer.toBytes(((SipFrame.Message) frames.get(1)).message()));
        assertArrayEquals(REGISTER, serializer.toBytes(((SipFrame.Message) frames.get(0)).message()));
    }

    @Test
    void rfc5626_4_4_1_doubleCrlf_isPing_singleCrlf_isPong() throws Exception {
        SipFramer framer = new SipFramer(SipLimits.defaults());
        assertEquals(List.of(SipFrame.PING), framer.feed(ByteBuffer.wrap(crlf("\n\n"))));
        assertEquals(List.of(), framer.feed(ByteBuffer.wrap(crlf("\n"))));
        assertEquals(List.of(SipFrame.PING), framer.feed(ByteBuffer.wrap(crlf("\n"))));
        assertEquals(List.of(), framer.feed(ByteBuffer.wrap(crlf("\n"))));
        List<SipFrame> frames = framer.feed(ByteBuffer.wrap(REGISTER));
        assertEquals(2, frames.size());
        assertSame(SipFrame.PONG, frames.get(0));
        assertInstanceOf(SipFrame.Message.class, frames.get(1));
    }

    @Test
    void rfc3261_7_5_leadingCrlfsBeforeAMessage_areTolerated() throws Exception {
        SipFramer framer = new SipFramer(SipLimits.defaults());
        List<SipFrame> frames = framer.feed(ByteBuffer.wrap(concat(crlf("\n\n\n"), REGISTER)));
        assertEquals(List.of(SipFrame.PING, SipFrame.PONG), frames.subList(0, 2));
        assertArrayEquals(REGISTER, serializer.toBytes(((SipFrame.Message) frames.get(2)).message()));
    }

    @Test
    void rfc3261_18_3_missingContentLength_losesFraming() throws Exception {
        SipFramer framer = new SipFramer(SipLimits.defaults());
        byte[] noLength = crlf(SipParserTest.REGISTER_F1.replace("Content-Length: 0\n", ""));
        List<SipFrame> frames = new ArrayList<>();
        SipParseException e = assertThrows(SipParseException.class,
                () -> framer.feed(concat(REGISTER, noLength), 0, REGISTER.length + noLength.length, frames::add));
        assertTrue(e.framingLost());
        assertEquals("Missing Content-Length", e.reason());
        assertEquals(1, frames.size(), "the message before the fault is delivered");
        SipParseException again = assertThrows(SipParseException.class, () -> framer.feed(ByteBuffer.wrap(REGISTER)));
        assertSame(e, again);
    }

    @Test
    void malformedButFramedMessage_isRejected_andTheStreamContinues() throws Exception {
        SipFramer framer = new SipFramer(SipLimits.defaults());
        byte[] bad = crlf(SipParserTest.REGISTER_F1.replace("SIP/2.0\n", "SIP/3.0\n"));
        List<SipFrame> frames = framer.feed(ByteBuffer.wrap(concat(bad, REGISTER)));
        assertEquals(2, frames.size());
        SipFrame.Rejected rejected = (SipFrame.Rejected) frames.get(0);
        SipParseException e = rejected.error();
        assertEquals(505, e.status());
        assertFalse(e.framingLost());
        assertArrayEquals(bad, rejected.bytes());
        SipResponse answer = new SipParser().responseTo(rejected.bytes(), 0, rejected.bytes().length, e).orElseThrow();
        assertEquals(505, answer.status());
        assertInstanceOf(SipFrame.Message.class, frames.get(1));
    }

    @Test
    void limits_headerSectionWithoutEnd_losesFramingAtTheLimit() throws Exception {
        SipFramer framer = new SipFramer(SipLimits.defaults().withMaxMessageBytes(1024));
        byte[] junk = crlf("INVITE sip:a@b SIP/2.0\n" + "X-Pad: 1234567890\n".repeat(80));
        SipParseException e = assertThrows(SipParseException.class, () -> framer.feed(ByteBuffer.wrap(junk)));
        assertEquals(513, e.status());
        assertTrue(e.framingLost());
        assertTrue(framer.buffered() == 0);
    }

    @Test
    void limits_headerSectionWithoutEnd_isDetectedAcrossSmallSegments() throws Exception {
        SipFramer framer = new SipFramer(SipLimits.defaults().withMaxMessageBytes(1024));
        byte[] line = crlf("X-Pad: 1234567890\n");
        framer.feed(ByteBuffer.wrap(crlf("INVITE sip:a@b SIP/2.0\n")));
        SipParseException e = assertThrows(SipParseException.class, () -> {
            for (int i = 0; i < 100; i++) framer.feed(ByteBuffer.wrap(line));
        });
        assertEquals(513, e.status());
    }

    @Test
    void limits_contentLengthAboveLimit_losesFramingBeforeBuffering() throws Exception {
        SipFramer framer = new SipFramer(SipLimits.defaults().withMaxContentLength(100));
        byte[] head = crlf(SipParserTest.invite(5000));
        SipParseException e = assertThrows(SipParseException.class, () -> framer.feed(ByteBuffer.wrap(head)));
        assertEquals(413, e.status());
        assertTrue(e.framingLost());
    }

    @Test
    void limits_messageAboveLimit_losesFraming() throws Exception {
        SipFramer framer = new SipFramer(SipLimits.defaults().withMaxMessageBytes(600));
        byte[] head = crlf(SipParserTest.invite(400));
        SipParseException e = assertThrows(SipParseException.class, () -> framer.feed(ByteBuffer.wrap(head)));
        assertEquals(513, e.status());
    }

    @Test
    void rfc3261_20_14_badOrDuplicateContentLength_losesFraming() {
        for (String cl : new String[] {"Content-Length: x", "Content-Length: 0\nl: 0", "Content-Length: -1"}) {
            SipFramer framer = new SipFramer(SipLimits.defaults());
            byte[] msg = crlf(SipParserTest.REGISTER_F1.replace("Content-Length: 0", cl));
            SipParseException e = assertThrows(SipParseException.class, () -> framer.feed(ByteBuffer.wrap(msg)));
            assertTrue(e.framingLost(), cl);
            assertEquals(400, e.status());
        }
    }

    @Test
    void compactAndFoldedContentLength_frameTheBody() throws Exception {
        String text = SipParserTest.invite(0).replace("Content-Length: 0", "l:\n  %d");
        byte[] sdp = crlf(SipParserTest.SDP);
        byte[] msg = concat(crlf(text.formatted(sdp.length)), sdp);
        SipFramer framer = new SipFramer(SipLimits.defaults());
        List<SipFrame> frames = framer.feed(ByteBuffer.wrap(concat(msg, REGISTER)));
        assertEquals(2, frames.size());
        SipMessage m = ((SipFrame.Message) frames.get(0)).message();
        assertArrayEquals(sdp, m.bodyBytes());
        assertArrayEquals(msg, serializer.toBytes(m));
    }

    @Test
    void bareLineFeedBetweenMessages_losesFraming() {
        SipFramer framer = new SipFramer(SipLimits.defaults());
        SipParseException e = assertThrows(SipParseException.class, () -> framer.feed(ByteBuffer.wrap(new byte[] {'\n'})));
        assertTrue(e.framingLost());
    }

    @Test
    void directByteBuffers_areFramedToo() throws Exception {
        byte[] stream = concat(REGISTER, INVITE);
        ByteBuffer direct = ByteBuffer.allocateDirect(stream.length).put(stream).flip();
        SipFramer framer = new SipFramer(new SipParser());
        List<SipFrame> frames = framer.feed(direct);
        assertEquals(2, frames.size());
        assertFalse(direct.hasRemaining());
    }
}
