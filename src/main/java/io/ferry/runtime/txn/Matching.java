package io.ferry.runtime.txn;

import io.ferry.sip.CSeq;
import io.ferry.sip.NameAddr;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipRequest;
import io.ferry.sip.Uri;
import io.ferry.sip.Via;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The matching rules: client transactions by branch and CSeq method (RFC 3261 §17.1.3); server
 * transactions by branch, sent-by and method (§17.2.3), or for requests without the magic cookie
 * by the RFC 2543 rules at the end of §17.2.3; merged requests by From tag, Call-ID and CSeq
 * (§8.2.2.2).
 */
final class Matching {

    /** RFC 3261 §8.1.1.7. */
    static final String MAGIC_COOKIE = "z9hG4bK";

    private Matching() {
    }

    /** §17.1.3: the branch of the top Via and the CSeq method. */
    record ClientKey(String branch, String method) {}

    /** §17.2.3: branch, sent-by (host case-insensitive) and method, ACK counting as INVITE. */
    record ServerKey(String branch, String sentBy, String method) {}

    /**
     * §17.2.3 (RFC 2543): Call-ID, From tag, CSeq number, method (ACK as INVITE) and the top Via;
     * the Request-URI and the To tag are checked after the lookup ({@link #legacyMatches}).
     */
    record LegacyKey(String callId, String fromTag, long cseq, String method, String topVia) {}

    /** §8.2.2.2: From tag, Call-ID and CSeq of a request without a To tag. */
    record MergeKey(String fromTag, String callId, long cseq, String method) {}

    static boolean isRfc3261Branch(String branch) {
        return branch != null && branch.length() > MAGIC_COOKIE.length() && branch.startsWith(MAGIC_COOKIE);
    }

    /** RFC 3261 §8.1.1.7: the magic cookie and 128 random bits, unique across space and time. */
    static String newBranch() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return MAGIC_COOKIE + Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong());
    }

    static String sentBy(Via via) {
        String host = via.host().toLowerCase(Locale.ROOT);
        return via.port() < 0 ? host : host + ":" + via.port();
    }

    /** The method the transaction of {@code method} was created for: an ACK belongs to its INVITE. */
    static String transactionMethod(String method) {
        return method.equals("ACK") ? "INVITE" : method;
    }

    /** The server-table key of a request, as if its method were {@code method}. */
    static Object serverKey(SipRequest request, Via top, CSeq cseq, String method) throws SipParseException {
        String branch = top.branch();
        if (isRfc3261Branch(branch)) return new ServerKey(branch, sentBy(top), method);
        NameAddr from = request.from().orElse(null);
        return new LegacyKey(request.callId().orElse(""), from == null ? null : from.tag(), cseq.number(), method,
                top.toString());
    }

    /**
     * The part of the RFC 2543 rule the key leaves out: the Request-URIs match (§19.1.4) and the
     * request's To tag equals {@code toTag}.
     */
    static boolean legacyMatches(SipRequest request, SipRequest original, String toTag) {
        try {
            Uri a = request.requestUri();
            Uri b = original.requestUri();
            NameAddr to = request.to().orElse(null);
            return a.matches(b) && Objects.equals(to == null ? null : to.tag(), toTag);
        } catch (SipParseException e) {
            return false;
        }
    }

    /** The To tag of {@code request}, or null. */
    static String toTag(SipRequest request) {
        try {
            return request.to().map(NameAddr::tag).orElse(null);
        } catch (SipParseException e) {
            return null;
        }
    }
}
