package io.ferry.bench.parser;

import io.ferry.sip.CSeq;
import io.ferry.sip.SipLimits;
import io.ferry.sip.SipMessage;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipParser;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import io.ferry.sip.SipUri;
import io.ferry.sip.Uri;
import io.ferry.sip.Via;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Ferry: {@link SipParser#parse(byte[], int, int)} with {@link SipLimits#defaults()}, one
 * message per buffer, as the WebSocket endpoint and the UDP listener call it. That call does not
 * copy: the message keeps offsets into the caller's array, which the caller hands over.
 * {@link #parseCopy} is the variant for callers that reuse their buffer.
 */
final class FerrySide {
    private final SipParser parser = new SipParser(SipLimits.defaults());

    SipMessage parse(byte[] bytes) throws SipParseException {
        return parser.parse(bytes, 0, bytes.length);
    }

    /** {@link SipParser#parseCopy}: copies the bytes first, then parses the copy. */
    SipMessage parseCopy(byte[] bytes) throws SipParseException {
        return parser.parseCopy(bytes, 0, bytes.length);
    }

    /** Reads the proxy fields through Ferry's API into the blackhole. */
    static void touch(SipMessage m, Blackhole bh) throws SipParseException {
        Via via = m.topVia().orElseThrow();
        bh.consume(via.branch());
        bh.consume(m.callId().orElseThrow());
        CSeq cseq = m.cseq().orElseThrow();
        bh.consume(cseq.number());
        bh.consume(cseq.method());
        bh.consume(m.to().orElseThrow().tag());
        if (m instanceof SipRequest request) {
            Uri uri = request.requestUri();
            bh.consume(uri instanceof SipUri sip ? sip.host() : uri);
        } else {
            bh.consume(((SipResponse) m).status());
        }
    }

    static ProxyView view(SipMessage m) throws SipParseException {
        CSeq cseq = m.cseq().orElseThrow();
        String host = null;
        int status = 0;
        if (m instanceof SipRequest request) {
            host = ((SipUri) request.requestUri()).host();
        } else {
            status = ((SipResponse) m).status();
        }
        return new ProxyView(m.topVia().orElseThrow().branch(), m.callId().orElseThrow(),
                cseq.number(), cseq.method(), m.to().orElseThrow().tag(), host, status);
    }
}
