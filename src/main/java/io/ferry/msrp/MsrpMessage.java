package io.ferry.msrp;

import java.util.List;

/**
 * The start line and header fields of an MSRP request or response: everything before the body.
 * The body and the end-line travel separately ({@link MsrpStreamParser} events, or a
 * {@link MsrpFrame} for a whole message in one buffer).
 */
public sealed interface MsrpMessage permits MsrpRequest, MsrpResponse {

    /** RFC 4975 §7.1 transaction identifier: the start line's and the end-line's. */
    String transactionId();

    MsrpHeaders headers();

    /** The same start line with other headers. */
    MsrpMessage withHeaders(MsrpHeaders headers);

    default List<MsrpUri> toPath() { return headers().toPath(); }

    default List<MsrpUri> fromPath() { return headers().fromPath(); }

    /** RFC 4975 §9 ident = ALPHANUM 3*31ident-char; ident-char = ALPHANUM / "." / "-" / "+" / "%" / "=". */
    static boolean isTransactionId(CharSequence tid) {
        int n = tid.length();
        if (n < 4 || n > 32) return false;
        for (int i = 0; i < n; i++) {
            char c = tid.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (i == 0 ? !alnum : !(alnum || c == '.' || c == '-' || c == '+' || c == '%' || c == '=')) return false;
        }
        return true;
    }

    static void checkTransactionId(String tid) {
        if (tid == null || !isTransactionId(tid))
            throw new MsrpParseException(MsrpViolation.TRANSACTION_ID_INVALID, -1, String.valueOf(tid));
    }
}
