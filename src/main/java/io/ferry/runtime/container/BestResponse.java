package io.ferry.runtime.container;

import io.ferry.sip.HeaderField;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.util.List;

/**
 * RFC 3261 §16.7 steps 6 and 7: the best of the final (non-2xx) responses a proxy collected
 * from its branches, as it is forwarded upstream. A pure function of the responses.
 */
final class BestResponse {

    private BestResponse() {
    }

    /**
     * The response the proxy forwards once every branch has its final response.
     *
     * @param request the request the proxy received (for the 408 when no branch answered)
     * @param finals the final responses of the branches, in the order they arrived (408 for
     *               branches that timed out, as the transaction layer generates them)
     */
    static SipResponse select(SipRequest request, List<SipResponse> finals) {
        if (finals.isEmpty()) {
            // RFC 3261 §16.7 step 6: no response at all: 408
            return request.createResponse(408, "Request Timeout");
        }
        SipResponse best = finals.get(bestIndex(finals));
        if (best.status() == 401 || best.status() == 407) best = aggregateChallenges(best, finals);
        // RFC 3261 §16.7 step 6: a 503 is forwarded as 500 (the service is this proxy's, not the next hop's)
        if (best.status() == 503) best = best.withStatus(500, "Server Internal Error");
        return best;
    }

    /** The position of the best response in {@code finals} (not empty): the first of the best rank. */
    static int bestIndex(List<SipResponse> finals) {
        int best = 0;
        for (int i = 1; i < finals.size(); i++) if (better(finals.get(i), finals.get(best))) best = i;
        return best;
    }

    /** Whether {@code a} is a better choice than {@code b} (RFC 3261 §16.7 step 6). */
    static boolean better(SipResponse a, SipResponse b) {
        return rank(a.status()) < rank(b.status());
    }

    /**
     * Lower is better: 6xx before all (a global failure is final), then 2xx, then the lowest
     * class; within 4xx the responses RFC 3261 §16.7 step 6 prefers (401, 407, 415, 420, 484)
     * come first; within a class the lower code.
     */
    static int rank(int status) {
        int cls = status / 100;
        if (cls == 6) return status - 600;
        if (cls == 2) return 100 + status - 200;
        boolean preferred = status == 401 || status == 407 || status == 415 || status == 420 || status == 484;
        return cls * 1000 + (cls == 4 && !preferred ? 200 : 0) + status;
    }

    /**
     * RFC 3261 §16.7 step 7: a 401 or 407 forwarded upstream carries every WWW-Authenticate and
     * Proxy-Authenticate of all the 401 and 407 responses the branches received.
     */
    static SipResponse aggregateChallenges(SipResponse best, List<SipResponse> finals) {
        SipResponse out = best.withoutHeader("WWW-Authenticate").withoutHeader("Proxy-Authenticate");
        for (SipResponse r : finals) {
            if (r.status() != 401 && r.status() != 407) continue;
            for (HeaderField f : r.headers().all("WWW-Authenticate")) out = out.withAppendedHeader("WWW-Authenticate", f.value());
            for (HeaderField f : r.headers().all("Proxy-Authenticate")) out = out.withAppendedHeader("Proxy-Authenticate", f.value());
        }
        return out;
    }
}
