package io.ferry.runtime.container;

import io.ferry.sip.CSeq;
import io.ferry.sip.NameAddr;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipRequest;
import io.ferry.sip.Via;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * The loop-detection part of the Via branch of a proxied request (RFC 3261 §16.6 step 8) and the
 * check of §16.3 step 4: a hash over the fields that decide where a request goes, appended to the
 * branch's unique part after a dot. A request that comes back with one of Ferry's Vias whose hash
 * equals the one computed over the request now has looped; one whose Request-URI or Route set
 * changed in between is spiralling and goes on.
 */
final class LoopDetection {

    /** Separates the unique part of the branch from the loop-detection hash. */
    static final char SEPARATOR = '.';
    private static final int HASH_HEX = 16;

    private LoopDetection() {
    }

    /**
     * RFC 3261 §16.6 step 8: the hash over the Request-URI, the Via {@code below} Ferry's (the top
     * Via of the request as received), To tag, From tag, Call-ID, CSeq number, Proxy-Require and
     * Proxy-Authorization, plus the Route values the request arrived with ({@code poppedRoute}
     * first, when Ferry popped one), so that a request routed back through Ferry on purpose is a
     * spiral.
     */
    static String hash(SipRequest request, Via below, String poppedRoute) throws SipParseException {
        StringBuilder b = new StringBuilder(256);
        b.append(request.requestUriText()).append('\n');
        b.append(below == null ? "" : below.toString()).append('\n');
        b.append(request.to().map(NameAddr::tag).orElse("")).append('\n');
        b.append(request.from().map(NameAddr::tag).orElse("")).append('\n');
        b.append(request.callId().orElse("")).append('\n');
        b.append(request.cseq().map(CSeq::number).orElse(-1L)).append('\n');
        for (String v : request.headers().values("Proxy-Require")) b.append(v.trim()).append(',');
        b.append('\n');
        for (String v : request.headers().values("Proxy-Authorization")) b.append(v.trim()).append(',');
        b.append('\n');
        if (poppedRoute != null) b.append(poppedRoute).append(',');
        for (NameAddr r : request.routes()) b.append(r).append(',');
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The branch of a proxied request: the unique part, the separator and the loop-detection hash. */
    static String branch(String unique, String hash) {
        return unique + SEPARATOR + hash;
    }

    /** The loop-detection hash a branch of Ferry's carries, or null when it carries none. */
    static String hashOf(String branch) {
        if (branch == null) return null;
        int i = branch.lastIndexOf(SEPARATOR);
        if (i < 0 || branch.length() - i - 1 != HASH_HEX) return null;
        return branch.substring(i + 1);
    }

    /**
     * RFC 3261 §16.3 step 4: whether {@code request} has looped: one of its Vias is Ferry's
     * ({@code ours}) and carries the hash computed over the request as it is now, with the Via
     * below that one standing for the top Via the request had when Ferry forwarded it.
     */
    static boolean looped(SipRequest request, String poppedRoute, Predicate<Via> ours) throws SipParseException {
        List<Via> vias = request.vias();
        for (int i = 0; i < vias.size(); i++) {
            Via v = vias.get(i);
            // the cheap tests first: whether a sent-by is ours can mean a look at every flow
            String carried = hashOf(v.branch());
            if (carried == null) continue;
            Via below = i + 1 < vias.size() ? vias.get(i + 1) : null;
            if (carried.equals(hash(request, below, poppedRoute)) && ours.test(v)) return true;
        }
        return false;
    }
}
