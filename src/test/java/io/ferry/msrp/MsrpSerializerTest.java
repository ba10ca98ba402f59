package io.ferry.msrp;

import static io.ferry.msrp.MsrpFixtures.msrp;
import static io.ferry.msrp.MsrpFixtures.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class MsrpSerializerTest {

    static Stream<MsrpFixtures.Expected> validFixtures() { return MsrpFixtures.valid().stream(); }

    /** A relay's view: forward each parser event straight into an output buffer. */
    private static final class Forwarder implements MsrpListener {
        final ByteBuffer out = ByteBuffer.allocate(1 << 16);
        boolean body;

        @Override
        public void onHeaders(MsrpMessage message, boolean bodyFollows) {
            body = bodyFollows;
            MsrpSerializer.writeHeaderPart(message, bodyFollows, out);
        }

        @Override
        public void onBody(ByteBuffer slice) { out.put(slice); }

        @Override
        public void onEnd(MsrpMessage message, ContinuationFlag flag) {
            MsrpSerializer.writeEndLine(message.transactionId(), flag, body, out);
        }

        @Override
        public void onInvalid(String transactionId, MsrpMessage message, MsrpParseException error) {
            throw error;
        }

        byte[] bytes() {
            byte[] b = new byte[out.position()];
            out.duplicate().flip().get(b);
            return b;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFixtures")
    void rfc4975_7_1_streamingHeaderPartThenSlicesThenEndLine_reproducesTheInput(MsrpFixtures.Expected e) {
        byte[] wire = msrp(e.file());
        Forwarder f = new Forwarder();
        MsrpStreamParser p = new MsrpStreamParser(f);
        for (int i = 0; i < wire.length; i += 5) p.feed(ByteBuffer.wrap(wire, i, Math.min(5, wire.length - i)).slice());
        assertEquals(text(wire), text(f.bytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFixtures")
    void sizes_matchWhatIsWritten(MsrpFixtures.Expected e) {
        MsrpFrame frame = MsrpParser.parse(msrp(e.file()));
        assertEquals(msrp(e.file()).length, MsrpSerializer.size(frame));
        ByteBuffer exact = ByteBuffer.allocate(MsrpSerializer.size(frame));
        MsrpSerializer.write(frame, exact);
        assertEquals(0, exact.remaining());
    }

    @Test
    void write_withTooLittleRoom_throwsAndWritesNothing() {
        MsrpFrame frame = MsrpParser.parse(msrp("rfc4975/11.1-4-d93kswow-send.msrp"));
        ByteBuffer small = ByteBuffer.allocate(MsrpSerializer.size(frame) - 1);
        assertThrows(BufferOverflowException.class, () -> MsrpSerializer.write(frame, small));
        assertEquals(0, small.position());
        ByteBuffer tiny = ByteBuffer.allocate(5);
        assertThrows(BufferOverflowException.class, () -> MsrpSerializer.writeHeaderPart(frame.message(), true, tiny));
        assertThrows(BufferOverflowException.class, () -> MsrpSerializer.writeEndLine("d93kswow", ContinuationFlag.MORE, true, tiny));
        assertEquals(0, tiny.position());
    }

    @Test
    void rfc4975_7_1_builtSendWithBody_isWrittenWithBlankLineBodyCrlfAndEndLine() {
        MsrpUri bob = MsrpUri.parse("msrp://bob.example.com:8888/9di4eae923wzd;tcp");
        MsrpUri alice = MsrpUri.parse("msrp://alicepc.example.com:7777/iau39soe2843z;tcp");
        MsrpRequest send = MsrpRequest.of("d93kswow", MsrpMethod.SEND, List.of(bob), List.of(alice))
                .withHeader(MsrpHeaders.MESSAGE_ID, "12339sdqwer")
                .withByteRange(ByteRange.whole(16))
                .withHeader(MsrpHeaders.CONTENT_TYPE, "text/plain");
        byte[] out = MsrpSerializer.toBytes(MsrpFrame.of(send, ByteBuffer.wrap(MsrpFixtures.bytes("Hi, I'm Alice!")), ContinuationFlag.COMPLETE));
        assertArrayEquals(msrp("rfc4975/11.1-4-d93kswow-send.msrp"), out);
    }

    @Test
    void rfc4975_7_1_chunkedSend_writtenInPieces_parsesBackToTheSameChunks() {
        MsrpUri to = MsrpUri.parse("msrps://relay.example.com:2855/abc;tcp");
        MsrpUri from = MsrpUri.parse("msrps://x.invalid:2855/me;ws");
        MsrpRequest head = MsrpRequest.of("c1abcdef", MsrpMethod.SEND, List.of(to), List.of(from))
                .withHeader(MsrpHeaders.MESSAGE_ID, "m42")
                .withByteRange(ByteRange.interruptible(1, 8))
                .withHeader(MsrpHeaders.CONTENT_TYPE, "application/octet-stream");
        ByteBuffer out = ByteBuffer.allocate(1024);
        MsrpSerializer.writeHeaderPart(head, true, out);
        out.put(MsrpFixtures.bytes("ab")).put(MsrpFixtures.bytes("cd"));
        MsrpSerializer.writeEndLine("c1abcdef", ContinuationFlag.MORE, true, out);
        out.flip();
        RecordingListener l = new RecordingListener();
        new MsrpStreamParser(l).feed(out);
        List<RecordingListener.Event> ev = new ArrayList<>(l.events());
        assertEquals(new RecordingListener.Body("abcd"), ev.get(1));
        assertEquals(new RecordingListener.End("c1abcdef", ContinuationFlag.MORE), ev.get(2));
    }
}
