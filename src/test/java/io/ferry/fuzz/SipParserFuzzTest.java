package io.ferry.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ferry.sip.NameAddr;
import io.ferry.sip.SipFrame;
import io.ferry.sip.SipFramer;
import io.ferry.sip.SipLimits;
import io.ferry.sip.SipMessage;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipParser;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipSerializer;
import io.ferry.sip.Via;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the SIP parser ({@code io.ferry.sip}): {@link SipParser} for one message per buffer,
 * the lazy header views, and the {@link SipFramer} for streams. Only {@link SipParseException}
 * may escape. Beyond that:
 * <ul>
 *   <li>a parsed message serializes to bytes that parse again and serialize identically;</li>
 *   <li>the response to a rejected request ({@link SipParser#responseTo}) can be built and written;</li>
 *   <li>a parsed Via or name-addr prints as text that parses again;</li>
 *   <li>the framer finds the same frames whether the stream arrives whole or in small pieces.</li>
 * </ul>
 * Seeds: every {@code *.sip} and {@code *.txt} fixture, plus {@code SipParserFuzzTestInputs/sipBytes/}.
 */
class SipParserFuzzTest {
    private static final SipParser PARSER = new SipParser();
    private static final SipSerializer SERIALIZER = new SipSerializer();

    static Stream<Arguments> fixtures() {
        return FuzzSeeds.fixtures(".sip", ".txt");
    }

    @MethodSource("fixtures")
    @FuzzTest(maxDuration = "30s")
    void sipBytes(byte[] input) {
        datagram(input);
        List<String> whole = frames(input, new int[] {input.length});
        List<String> split = frames(input, FuzzSeeds.chunkLengths(input));
        if (!whole.equals(split)) {
            throw new AssertionError("framer depends on how the stream is split:\n whole: " + whole + "\n split: " + split);
        }
    }

    private static void datagram(byte[] input) {
        SipMessage message;
        try {
            message = PARSER.parse(input);
        } catch (SipParseException e) {
            checkOffset(e, input.length);
            // The answer to a rejected request is built from a lenient scan of the same bytes.
            PARSER.responseTo(input, 0, input.length, e, () -> "fuzz").ifPresent(SERIALIZER::toBytes);
            return;
        }
        readViews(message, input.length);
        byte[] written = SERIALIZER.toBytes(message);
        SipMessage again;
        try {
            again = PARSER.parse(written);
        } catch (SipParseException e) {
            throw new AssertionError("serialized message does not parse: " + e.getMessage()
                    + "\n bytes: " + HexFormat.of().formatHex(written), e);
        }
        byte[] rewritten = SERIALIZER.toBytes(again);
        if (!Arrays.equals(written, rewritten)) {
            throw new AssertionError("serialize → parse → serialize changed the bytes:\n first:  "
                    + HexFormat.of().formatHex(written) + "\n second: " + HexFormat.of().formatHex(rewritten));
        }
    }

    /** Reads every lazy view; a malformed value may only raise {@link SipParseException}. */
    private static void readViews(SipMessage m, int length) {
        List<View> views = List.of(
                m::callId, m::cseq, m::maxForwards, m::contentLength, m::contentType, m::expires,
                m::supported, m::require, m::proxyRequire,
                () -> m.authHeaders("Authorization"), () -> m.authHeaders("Proxy-Authorization"),
                () -> m.authHeaders("WWW-Authenticate"), () -> m.authHeaders("Proxy-Authenticate"),
                () -> {
                    for (Via via : m.vias()) {
                        reparse(via.toString(), Via::parse);
                    }
                    return m.topVia();
                },
                () -> addresses(m.from().map(List::of).orElse(List.of())),
                () -> addresses(m.to().map(List::of).orElse(List.of())),
                () -> addresses(m.contacts()),
                () -> addresses(m.routes()),
                () -> addresses(m.recordRoutes()),
                () -> addresses(m.paths()),
                () -> m instanceof SipRequest r ? r.requestUri() : null);
        for (View v : views) {
            try {
                v.read();
            } catch (SipParseException e) {
                checkOffset(e, length);
            }
        }
    }

    private static Object addresses(List<NameAddr> list) throws SipParseException {
        for (NameAddr a : list) {
            if (!a.isWildcard()) {
                reparse(a.toString(), NameAddr::parse);
            }
        }
        return list;
    }

    private static <T> void reparse(String text, Parse<T> parse) {
        try {
            parse.parse(text);
        } catch (SipParseException e) {
            throw new AssertionError("Ferry cannot read what it printed: \"" + text + "\": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface View {
        Object read() throws SipParseException;
    }

    @FunctionalInterface
    private interface Parse<T> {
        T parse(String text) throws SipParseException;
    }

    /** Feeds {@code input} to a framer in pieces and describes the frames it delivers. */
    private static List<String> frames(byte[] input, int[] pieces) {
        List<String> out = new ArrayList<>();
        SipFramer framer = new SipFramer(SipLimits.defaults());
        int pos = 0;
        try {
            for (int i = 0; pos < input.length; i++) {
                int len = Math.min(pieces[i % pieces.length], input.length - pos);
                framer.feed(input, pos, len, frame -> out.add(describe(frame)));
                pos += len;
            }
        } catch (SipParseException e) {
            if (!e.framingLost()) {
                throw new AssertionError("the framer threw an error that does not close the stream", e);
            }
            out.add("lost " + e.status() + " " + e.rule());
        }
        return out;
    }

    private static String describe(SipFrame frame) {
        if (frame instanceof SipFrame.Message m) {
            return "message " + HexFormat.of().formatHex(SERIALIZER.toBytes(m.message()));
        }
        if (frame instanceof SipFrame.Rejected r) {
            PARSER.responseTo(r.bytes(), 0, r.bytes().length, r.error(), () -> "fuzz").ifPresent(SERIALIZER::toBytes);
            return "rejected " + r.error().status() + " " + r.error().rule() + " @" + r.error().offset()
                    + " " + HexFormat.of().formatHex(r.bytes());
        }
        return frame instanceof SipFrame.Ping ? "ping" : "pong";
    }

    private static void checkOffset(SipParseException e, int length) {
        if (e.offset() < -1 || e.offset() > length) {
            throw new AssertionError("offset " + e.offset() + " outside an input of " + length + " bytes", e);
        }
    }
}
