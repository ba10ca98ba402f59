package io.ferry.sip;

import java.util.Arrays;

/**
 * The header names Ferry knows: canonical spelling, compact form (RFC 3261 §7.3.3 and the IANA
 * registry, which has nineteen: RFC 3515, 3841, 3892, 4028, 6665, 8224; RFC 8224 retired
 * Identity-Info and its "n") and whether the grammar allows a
 * comma-separated list of values (RFC 3261 §7.3.1). Looked up from bytes without allocating.
 */
final class HeaderTable {

    private HeaderTable() {
    }

    /** Canonical name, compact form ({@code 0} for none), and whether values may be comma-joined. */
    private record Entry(String name, char compact, boolean list) {
    }

    private static final Entry[] ENTRIES = {
            new Entry("Via", 'v', true),
            new Entry("From", 'f', false),
            new Entry("To", 't', false),
            new Entry("Call-ID", 'i', false),
            new Entry("CSeq", (char) 0, false),
            new Entry("Max-Forwards", (char) 0, false),
            new Entry("Contact", 'm', true),
            new Entry("Content-Length", 'l', false),
            new Entry("Content-Type", 'c', false),
            new Entry("Route", (char) 0, true),
            new Entry("Record-Route", (char) 0, true),
            new Entry("Path", (char) 0, true),
            new Entry("Service-Route", (char) 0, true),
            new Entry("Expires", (char) 0, false),
            new Entry("Min-Expires", (char) 0, false),
            new Entry("Supported", 'k', true),
            new Entry("Require", (char) 0, true),
            new Entry("Proxy-Require", (char) 0, true),
            new Entry("Unsupported", (char) 0, true),
            new Entry("Allow", (char) 0, true),
            new Entry("Allow-Events", 'u', true),
            new Entry("Accept", (char) 0, true),
            new Entry("Accept-Encoding", (char) 0, true),
            new Entry("Accept-Language", (char) 0, true),
            new Entry("Accept-Contact", 'a', true),
            new Entry("Reject-Contact", 'j', true),
            new Entry("Request-Disposition", 'd', true),
            new Entry("Alert-Info", (char) 0, true),
            new Entry("Call-Info", (char) 0, true),
            new Entry("Error-Info", (char) 0, true),
            new Entry("Content-Encoding", 'e', true),
            new Entry("Content-Language", (char) 0, true),
            new Entry("Content-Disposition", (char) 0, false),
            new Entry("In-Reply-To", (char) 0, true),
            new Entry("Warning", (char) 0, true),
            new Entry("Reason", (char) 0, true),
            new Entry("P-Asserted-Identity", (char) 0, true),
            new Entry("P-Preferred-Identity", (char) 0, true),
            new Entry("History-Info", (char) 0, true),
            new Entry("Security-Client", (char) 0, true),
            new Entry("Security-Server", (char) 0, true),
            new Entry("Security-Verify", (char) 0, true),
            new Entry("WWW-Authenticate", (char) 0, false),
            new Entry("Authorization", (char) 0, false),
            new Entry("Proxy-Authenticate", (char) 0, false),
            new Entry("Proxy-Authorization", (char) 0, false),
            new Entry("Authentication-Info", (char) 0, false),
            new Entry("Date", (char) 0, false),
            new Entry("Timestamp", (char) 0, false),
            new Entry("Subject", 's', false),
            new Entry("User-Agent", (char) 0, false),
            new Entry("Server", (char) 0, false),
            new Entry("Organization", (char) 0, false),
            new Entry("Priority", (char) 0, false),
            new Entry("Retry-After", (char) 0, false),
            new Entry("Reply-To", (char) 0, false),
            new Entry("MIME-Version", (char) 0, false),
            new Entry("Event", 'o', false),
            new Entry("Subscription-State", (char) 0, false),
            new Entry("Refer-To", 'r', false),
            new Entry("Referred-By", 'b', false),
            new Entry("Session-Expires", 'x', false),
            new Entry("Min-SE", (char) 0, false),
            new Entry("RSeq", (char) 0, false),
            new Entry("RAck", (char) 0, false),
            new Entry("Identity", 'y', false),
            new Entry("Identity-Info", (char) 0, false),
            new Entry("Privacy", (char) 0, false),
            new Entry("Replaces", (char) 0, false),
            new Entry("Flow-Timer", (char) 0, false),
            new Entry("SIP-ETag", (char) 0, false),
            new Entry("SIP-If-Match", (char) 0, false),
    };

    static final int UNKNOWN = -1;
    static final int VIA = index("Via");
    static final int FROM = index("From");
    static final int TO = index("To");
    static final int CALL_ID = index("Call-ID");
    static final int CSEQ = index("CSeq");
    static final int MAX_FORWARDS = index("Max-Forwards");
    static final int CONTACT = index("Contact");
    static final int CONTENT_LENGTH = index("Content-Length");
    static final int CONTENT_TYPE = index("Content-Type");
    static final int ROUTE = index("Route");
    static final int RECORD_ROUTE = index("Record-Route");
    static final int TIMESTAMP = index("Timestamp");

    private static final int TABLE_BITS = 8;
    private static final int[] HASHED = new int[1 << TABLE_BITS];
    private static final int[] COMPACT = new int[26];
    /** Canonical names in lower case, as bytes. */
    private static final byte[][] LOWER = new byte[ENTRIES.length][];
    /** Canonical names as bytes: most messages spell them so, and an exact compare is intrinsic. */
    private static final byte[][] CANONICAL = new byte[ENTRIES.length][];

    static {
        Arrays.fill(HASHED, UNKNOWN);
        Arrays.fill(COMPACT, UNKNOWN);
        for (int i = 0; i < ENTRIES.length; i++) {
            String n = ENTRIES[i].name;
            LOWER[i] = SipChars.toLower(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            CANONICAL[i] = n.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int slot = hash(n.charAt(0), n.charAt(n.length() - 1), n.length());
            while (HASHED[slot] != UNKNOWN) slot = (slot + 1) & (HASHED.length - 1);
            HASHED[slot] = i;
            char c = ENTRIES[i].compact;
            if (c != 0) COMPACT[c - 'a'] = i;
        }
    }

    private static int index(String name) {
        for (int i = 0; i < ENTRIES.length; i++) if (ENTRIES[i].name.equals(name)) return i;
        throw new IllegalStateException(name);
    }

    /**
     * Slot from the first and last characters and the length. Folding with {@code | 0x20} is
     * exact for the names here (letters, digits and '-'); any other byte stays a non-letter.
     */
    private static int hash(int first, int last, int len) {
        int h = (((first | 0x20) & 0xff) * 31 + ((last | 0x20) & 0xff)) * 31 + len;
        h ^= h >>> 7;
        h *= 0x45d9f3b;
        h ^= h >>> 16;
        return h & ((1 << TABLE_BITS) - 1);
    }

    /** Index of the header named by bytes [start, end), compact forms included, or {@link #UNKNOWN}. */
    static int lookup(byte[] b, int start, int end) {
        int len = end - start;
        if (len == 1) {
            int c = SipChars.lower(b[start] & 0xff);
            return c >= 'a' && c <= 'z' ? COMPACT[c - 'a'] : UNKNOWN;
        }
        if (len == 0) return UNKNOWN;
        int slot = hash(b[start], b[end - 1], len);
        for (int probe = 0; probe < HASHED.length; probe++) {
            int idx = HASHED[slot];
            if (idx == UNKNOWN) return UNKNOWN;
            byte[] n = CANONICAL[idx];
            if (n.length == len && (Arrays.equals(n, 0, len, b, start, end) || foldedEquals(LOWER[idx], b, start))) return idx;
            slot = (slot + 1) & (HASHED.length - 1);
        }
        return UNKNOWN;
    }

    private static boolean foldedEquals(byte[] lower, byte[] b, int start) {
        for (int i = 0; i < lower.length; i++) {
            if ((b[start + i] | 0x20) != lower[i]) return false;
        }
        return true;
    }

    /** Index of the header named {@code name}, compact forms included, or {@link #UNKNOWN}. */
    static int lookup(CharSequence name) {
        int len = name.length();
        if (len == 1) {
            int c = SipChars.lower(name.charAt(0));
            return c >= 'a' && c <= 'z' ? COMPACT[c - 'a'] : UNKNOWN;
        }
        if (len == 0) return UNKNOWN;
        int slot = hash(name.charAt(0), name.charAt(len - 1), len);
        for (int probe = 0; probe < HASHED.length; probe++) {
            int idx = HASHED[slot];
            if (idx == UNKNOWN) return UNKNOWN;
            if (SipChars.equalsIgnoreCase(ENTRIES[idx].name, name)) return idx;
            slot = (slot + 1) & (HASHED.length - 1);
        }
        return UNKNOWN;
    }

    static String canonicalName(int index) {
        return ENTRIES[index].name;
    }

    /** RFC 3261 §7.3.1: true when the header's grammar is a comma-separated list. */
    static boolean isList(int index) {
        return index >= 0 && ENTRIES[index].list;
    }
}
