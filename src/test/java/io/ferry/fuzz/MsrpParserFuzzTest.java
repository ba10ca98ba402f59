package io.ferry.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ferry.msrp.ContinuationFlag;
import io.ferry.msrp.MsrpFrame;
import io.ferry.msrp.MsrpListener;
import io.ferry.msrp.MsrpMessage;
import io.ferry.msrp.MsrpParseException;
import io.ferry.msrp.MsrpParser;
import io.ferry.msrp.MsrpSerializer;
import io.ferry.msrp.MsrpStreamParser;
import io.ferry.msrp.MsrpViolation;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the MSRP parsers ({@code io.ferry.msrp}): the one-shot {@link MsrpParser} and the
 * streaming {@link MsrpStreamParser}. Only {@link MsrpParseException} may escape. Beyond that:
 * <ul>
 *   <li>a message that {@link MsrpParser} accepts serializes back to the same bytes;</li>
 *   <li>the stream parser reports the same events (body compared as concatenated bytes) and the
 *       same error whether the input arrives in one piece or split into small pieces; only the
 *       amount of body streamed out before an error may differ.</li>
 * </ul>
 * Seeds: every {@code *.msrp} fixture, plus {@code MsrpParserFuzzTestInputs/msrpBytes/}.
 */
class MsrpParserFuzzTest {

    static Stream<Arguments> fixtures() {
        return FuzzSeeds.fixtures(".msrp");
    }

    @MethodSource("fixtures")
    @FuzzTest(maxDuration = "30s")
    void msrpBytes(byte[] input) {
        oneShot(input);
        List<Object> whole = comparable(stream(input, new int[] {input.length}));
        List<Object> split = comparable(stream(input, FuzzSeeds.chunkLengths(input)));
        if (!whole.equals(split)) {
            throw new AssertionError("stream parser depends on how the input is split:\n whole: " + whole + "\n split: " + split);
        }
    }

    /**
     * The events without the body delivered just before an error: how much of a broken message's
     * body streams out before the fault is found depends on where the input was split, and the
     * listener contract allows it ({@link MsrpListener#onInvalid}).
     */
    private static List<Object> comparable(List<Object> events) {
        List<Object> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Object e = events.get(i);
            boolean beforeError = i + 1 < events.size()
                    && (events.get(i + 1) instanceof Invalid || events.get(i + 1) instanceof Lost);
            if (!(e instanceof Body && beforeError)) {
                out.add(e);
            }
        }
        return out;
    }

    private static void oneShot(byte[] input) {
        MsrpFrame frame;
        try {
            frame = MsrpParser.parse(input);
        } catch (MsrpParseException e) {
            checkOffset(e, input.length);
            return;
        }
        byte[] written = MsrpSerializer.toBytes(frame);
        if (!Arrays.equals(written, input)) {
            throw new AssertionError("parse → serialize changed the bytes:\n in:  " + HexFormat.of().formatHex(input)
                    + "\n out: " + HexFormat.of().formatHex(written));
        }
    }

    record Headers(MsrpMessage message, boolean bodyFollows) {
    }

    record Body(String hex) {
    }

    record End(MsrpMessage message, ContinuationFlag flag) {
    }

    record Invalid(String transactionId, MsrpMessage message, MsrpViolation violation, long offset) {
    }

    record Lost(MsrpViolation violation, long offset) {
    }

    /** Feeds {@code input} in pieces of the given lengths and returns what the listener saw. */
    private static List<Object> stream(byte[] input, int[] pieces) {
        Recorder recorder = new Recorder();
        MsrpStreamParser parser = new MsrpStreamParser(recorder);
        int pos = 0;
        try {
            for (int i = 0; pos < input.length; i++) {
                int len = Math.min(pieces[i % pieces.length], input.length - pos);
                ByteBuffer piece = ByteBuffer.wrap(input, pos, len);
                parser.feed(piece);
                if (piece.hasRemaining()) {
                    throw new AssertionError("feed left " + piece.remaining() + " bytes unconsumed");
                }
                pos += len;
            }
        } catch (MsrpParseException e) {
            checkOffset(e, input.length);
            recorder.flush();
            recorder.events.add(new Lost(e.violation(), e.offset()));
            return recorder.events;
        }
        recorder.flush();
        return recorder.events;
    }

    private static void checkOffset(MsrpParseException e, long length) {
        if (e.offset() < -1 || e.offset() > length) {
            throw new AssertionError("offset " + e.offset() + " outside an input of " + length + " bytes", e);
        }
    }

    /** Records events; body slices are joined until the next non-body event. */
    private static final class Recorder implements MsrpListener {
        final List<Object> events = new ArrayList<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        void flush() {
            if (body.size() > 0) {
                events.add(new Body(HexFormat.of().formatHex(body.toByteArray())));
                body.reset();
            }
        }

        @Override
        public void onHeaders(MsrpMessage message, boolean bodyFollows) {
            flush();
            events.add(new Headers(message, bodyFollows));
        }

        @Override
        public void onBody(ByteBuffer slice) {
            ByteBuffer copy = slice.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            body.writeBytes(bytes);
        }

        @Override
        public void onEnd(MsrpMessage message, ContinuationFlag flag) {
            flush();
            events.add(new End(message, flag));
        }

        @Override
        public void onInvalid(String transactionId, MsrpMessage message, MsrpParseException error) {
            flush();
            events.add(new Invalid(transactionId, message, error.violation(), error.offset()));
        }
    }
}
