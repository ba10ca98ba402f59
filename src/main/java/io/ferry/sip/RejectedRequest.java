package io.ferry.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the error response for bytes the parser rejected (RFC 3261 §8.2.6, RFC 4475 §3.1.2):
 * the fields a response needs are recovered by a lenient line scan that never throws.
 */
final class RejectedRequest {

    private RejectedRequest() {
    }

    static Optional<SipResponse> response(byte[] b, int from, int end, SipParseException error, Supplier<String> toTag) {
        int p = from;
        while (p + 1 < end && b[p] == '\r' && b[p + 1] == '\n') p += 2;
        int eol = lineEnd(b, p, end);
        if (eol <= p) return Optional.empty();
        if (eol - p >= 4 && (b[p] | 0x20) == 's' && (b[p + 1] | 0x20) == 'i' && (b[p + 2] | 0x20) == 'p' && b[p + 3] == '/') {
            return Optional.empty();
        }
        if (eol - p >= 4 && b[p] == 'A' && b[p + 1] == 'C' && b[p + 2] == 'K' && b[p + 3] == ' ') return Optional.empty();
        List<String[]> kept = new ArrayList<>(6);
        boolean via = false;
        boolean fromSeen = false;
        boolean to = false;
        boolean callId = false;
        boolean cseq = false;
        int line = next(b, eol, end);
        String[] last = null;
        while (line < end) {
            int le = lineEnd(b, line, end);
            int ce = le > line && b[le - 1] == '\r' ? le - 1 : le;
            if (ce == line) break;
            if (b[line] == ' ' || b[line] == '\t') {
                // a folded continuation of the previous field
                if (last != null) last[1] = last[1] + " " + text(b, line, ce).strip();
            } else {
                last = null;
                int ne = line;
                while (ne < ce && SipChars.isToken(b[ne] & 0xff)) ne++;
                int c = ne;
                while (c < ce && (b[c] == ' ' || b[c] == '\t')) c++;
                if (ne > line && c < ce && b[c] == ':') {
                    int key = HeaderTable.lookup(b, line, ne);
                    if (key == HeaderTable.VIA || key == HeaderTable.FROM || key == HeaderTable.TO
                            || key == HeaderTable.CALL_ID || key == HeaderTable.CSEQ) {
                        last = new String[] {text(b, line, ne), text(b, c + 1, ce).strip(), Integer.toString(key)};
                        kept.add(last);
                        via |= key == HeaderTable.VIA;
                        fromSeen |= key == HeaderTable.FROM;
                        to |= key == HeaderTable.TO;
                        callId |= key == HeaderTable.CALL_ID;
                        cseq |= key == HeaderTable.CSEQ;
                    }
                }
            }
            line = next(b, le, end);
        }
        if (!(via && fromSeen && to && callId && cseq)) return Optional.empty();
        List<HeaderField> fields = new ArrayList<>(kept.size() + 1);
        boolean tagged = false;
        for (String[] f : kept) {
            String value = f[1];
            if (Integer.parseInt(f[2]) == HeaderTable.TO && !tagged) {
                tagged = true;
                if (!hasTag(value)) value = value + ";tag=" + toTag.get();
            }
            fields.add(HeaderField.of(f[0], value));
        }
        fields.add(HeaderField.of("Content-Length", "0"));
        String reason = error.reason().replace('\r', ' ').replace('\n', ' ');
        return Optional.of(SipResponse.of(error.status(), reason, Headers.of(fields)));
    }

    private static boolean hasTag(String to) {
        try {
            return NameAddr.parse(to, -1, "Bad To", false).tag() != null;
        } catch (SipParseException e) {
            return to.contains(";tag=");
        }
    }

    /** Index of the LF ending the line at {@code p} (or {@code end}); the line may end in CR. */
    private static int lineEnd(byte[] b, int p, int end) {
        int q = p;
        while (q < end && b[q] != '\n') q++;
        return q;
    }

    private static int next(byte[] b, int lf, int end) {
        return lf < end ? lf + 1 : end;
    }

    private static String text(byte[] b, int s, int e) {
        String t = new String(b, s, e - s, StandardCharsets.UTF_8);
        return t.indexOf('\r') >= 0 ? t.replace('\r', ' ') : t;
    }
}
