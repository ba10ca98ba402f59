package io.ferry.bench.parser;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JAIN-SIP RI 1.3.0-91: {@link StringMsgParser#parseSIPMessage(byte[], boolean, boolean,
 * gov.nist.javax.sip.parser.ParseExceptionListener)} with {@code readBody=true, strict=false},
 * the call its UDP message channel makes for each datagram. No listener: a bad header throws.
 */
final class JainSipSide {
    private final StringMsgParser parser = new StringMsgParser();

    SIPMessage parse(byte[] bytes) throws ParseException {
        return parser.parseSIPMessage(bytes, true, false, null);
    }

    /** Reads the proxy fields through JAIN-SIP's API into the blackhole. */
    static void touch(SIPMessage m, Blackhole bh) {
        Via via = m.getTopmostVia();
        bh.consume(via.getBranch());
        bh.consume(m.getCallId().getCallId());
        CSeqHeader cseq = m.getCSeq();
        bh.consume(cseq.getSeqNumber());
        bh.consume(cseq.getMethod());
        bh.consume(m.getTo().getTag());
        if (m instanceof SIPRequest request) {
            URI uri = request.getRequestURI();
            bh.consume(uri instanceof SipURI sip ? sip.getHost() : uri);
        } else {
            bh.consume(((SIPResponse) m).getStatusCode());
        }
    }

    static ProxyView view(SIPMessage m) {
        CSeqHeader cseq = m.getCSeq();
        String host = null;
        int status = 0;
        if (m instanceof SIPRequest request) {
            host = ((SipURI) request.getRequestURI()).getHost();
        } else {
            status = ((SIPResponse) m).getStatusCode();
        }
        return new ProxyView(m.getTopmostVia().getBranch(), m.getCallId().getCallId(),
                cseq.getSeqNumber(), cseq.getMethod(), m.getTo().getTag(), host, status);
    }
}
