package io.ferry.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ferry.Fixtures;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Deterministic mutations of real messages: the parser, the framer and every header view either
 * succeed or throw {@link SipParseException}, never anything else, and whatever parses writes
 * back byte for byte. (Coverage-guided fuzzing with Jazzer lives elsewhere; this is the cheap
 * always-on guard.)
 */
class SipParserRobustnessTest {

    private static final byte[] ALPHABET = " \t\r\n:;,<>\"\\@[]%=?&/0123456789aZ*+-.\u0000\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (String f : new String[] {"kamailio-auth-jssip-register-auth.txt", "kamailio-jssip-register-200.txt",
                "kamailio-jssip-message-received.txt", "kamailio-auth-jssip-register-401.txt"}) {
            seeds.add(Fixtures.bytes("jssip-kamailio/" + f));
        }
        seeds.add(SipParserTest.inviteWithSdp());
        seeds.add(SipParserTest.crlf(SipParserTest.OK_F9));
        return seeds;
    }

    private static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(3)) {
                case 0 -> b[at] = ALPHABET[rnd.nextInt(ALPHABET.length)];
                case 1 -> {
                    int len = rnd.nextInt(Math.min(16, b.length - at) + 1);
                    byte[] shorter = new byte[b.length - len];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + len, shorter, at, b.length - at - len);
                    b = shorter.length == 0 ? b : shorter;
                }
                default -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = ALPHABET[rnd.nextInt(ALPHABET.length)];
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }

    private static void readEverything(SipMessage m) throws SipParseException {
        m.callId();
        m.cseq();
        for (Via v : m.vias()) reparse(v.toString(), Via::parse);
        for (NameAddr a : m.contacts()) {
            if (!a.isWildcard()) reparse(a.toString(), NameAddr::parse);
        }
        for (NameAddr a : m.routes()) reparse(a.toString(), NameAddr::parse);
        if (m.from().isPresent()) reparse(m.from().get().toString(), NameAddr::parse);
        m.to();
        m.maxForwards();
        m.contentLength();
        m.contentType();
        m.expires();
        m.contacts();
        m.routes();
        m.recordRoutes();
        m.supported();
        m.require();
        m.authHeaders("Authorization");
        m.authHeaders("WWW-Authenticate");
        m.authHeaders("Proxy-Authenticate");
        if (m instanceof SipRequest r) r.requestUri();
        if (m instanceof SipResponse r) r.reason();
    }

    @Test
    void mutatedMessages_onlyEverThrowSipParseException_andRoundTrip() {
        SipParser parser = new SipParser();
        SipSerializer serializer = new SipSerializer();
        SplittableRandom rnd = new SplittableRandom(5);
        List<byte[]> seeds = seeds();
        int parsed = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] input = mutate(seeds.get(i % seeds.size()), rnd);
            try {
                SipMessage m = parser.parse(input);
                parsed++;
                byte[] out = serializer.toBytes(m);
                assertArrayEquals(out, serializer.toBytes(parser.parse(out.clone())));
                if (!startsWithCrlf(input) && m.contentLength().map(ContentLength::length).orElse(-1) == m.bodyLength()
                        && out.length == input.length) {
                    assertArrayEquals(input, out);
                }
                readEverything(m);
            } catch (SipParseException expected) {
                assertTrue(expected.status() >= 400 && expected.status() < 600);
            } catch (RuntimeException e) {
                fail("input #" + i + " threw " + e + ":\n" + new String(input, java.nio.charset.StandardCharsets.ISO_8859_1), e);
            }
            try {
                new SipFramer(parser).feed(ByteBuffer.wrap(input), frame -> { });
            } catch (SipParseException expected) {
                assertTrue(expected.framingLost());
            } catch (RuntimeException e) {
                fail("framer, input #" + i + " threw " + e, e);
            }
        }
        assertTrue(parsed > 1000, "mutations too destructive: " + parsed);
    }

    @FunctionalInterface
    private interface Parse {
        Object parse(String text) throws SipParseException;
    }

    /** What Ferry prints, Ferry reads back to the same text. */
    private static void reparse(String printed, Parse parse) {
        try {
            String again = parse.parse(printed).toString();
            if (!printed.equals(again)) fail("printed " + printed + " but re-read as " + again);
        } catch (SipParseException e) {
            fail("Ferry cannot read what it printed: " + printed, e);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void longLists_areReadInLinearTime() throws Exception {
        String contacts = "<sip:a@b.example.com>;q=0.1, ".repeat(270) + "sip:last@example.com";
        String vias = "SIP/2.0/TCP h.example.com;branch=z9hG4bK1,".repeat(60) + "SIP/2.0/TCP last";
        byte[] msg = SipParserTest.crlf("REGISTER sip:example.com SIP/2.0\nVia: " + vias + "\nContact: " + contacts
                + "\nRoute: " + "<sip:r;lr>,".repeat(700) + "<sip:r;lr>\nContent-Length: 0\n\n");
        SipParser parser = new SipParser(SipLimits.defaults().withMaxViaCount(100));
        for (int i = 0; i < 200; i++) {
            SipMessage m = parser.parse(msg);
            assertTrue(m.contacts().size() == 271 && m.vias().size() == 61 && m.routes().size() == 701);
        }
    }

    private static boolean startsWithCrlf(byte[] b) {
        return b.length > 1 && b[0] == '\r' && b[1] == '\n';
    }
}
