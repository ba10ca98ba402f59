package io.ferry.sip;

/** Character classes of RFC 3261 §25.1, as lookup tables over bytes. */
final class SipChars {

    private SipChars() {
    }

    private static final boolean[] TOKEN = new boolean[256];
    private static final boolean[] URI_UNRESERVED = new boolean[256];
    private static final boolean[] USER_UNRESERVED = new boolean[256];
    private static final boolean[] PASSWORD = new boolean[256];
    private static final boolean[] PARAM_UNRESERVED = new boolean[256];
    private static final boolean[] HNV_UNRESERVED = new boolean[256];
    private static final boolean[] HOST = new boolean[256];

    static {
        for (int c = 'a'; c <= 'z'; c++) { TOKEN[c] = true; TOKEN[c - 32] = true; }
        for (int c = '0'; c <= '9'; c++) TOKEN[c] = true;
        for (char c : "-.!%*_+`'~".toCharArray()) TOKEN[c] = true;

        for (int c = 'a'; c <= 'z'; c++) { URI_UNRESERVED[c] = true; URI_UNRESERVED[c - 32] = true; }
        for (int c = '0'; c <= '9'; c++) URI_UNRESERVED[c] = true;
        for (char c : "-_.!~*'()".toCharArray()) URI_UNRESERVED[c] = true;

        for (char c : "&=+$,;?/".toCharArray()) USER_UNRESERVED[c] = true;
        for (char c : "&=+$,".toCharArray()) PASSWORD[c] = true;
        for (char c : "[]/:&+$".toCharArray()) PARAM_UNRESERVED[c] = true;
        for (char c : "[]/?:+$".toCharArray()) HNV_UNRESERVED[c] = true;

        for (int c = 'a'; c <= 'z'; c++) { HOST[c] = true; HOST[c - 32] = true; }
        for (int c = '0'; c <= '9'; c++) HOST[c] = true;
        HOST['-'] = true;
        HOST['.'] = true;
    }

    /** RFC 3261 §25.1 token character. */
    static boolean isToken(int c) {
        return c >= 0 && c < 256 && TOKEN[c];
    }

    static boolean isToken(CharSequence s) {
        if (s.length() == 0) return false;
        for (int i = 0; i < s.length(); i++) if (!isToken(s.charAt(i))) return false;
        return true;
    }

    /** RFC 3261 §25.1 unreserved (alphanum / mark). */
    static boolean isUnreserved(int c) {
        return c >= 0 && c < 256 && URI_UNRESERVED[c];
    }

    static boolean isUserChar(int c) {
        return c >= 0 && c < 256 && (URI_UNRESERVED[c] || USER_UNRESERVED[c]);
    }

    static boolean isPasswordChar(int c) {
        return c >= 0 && c < 256 && (URI_UNRESERVED[c] || PASSWORD[c]);
    }

    static boolean isParamChar(int c) {
        return c >= 0 && c < 256 && (URI_UNRESERVED[c] || PARAM_UNRESERVED[c]);
    }

    static boolean isHeaderChar(int c) {
        return c >= 0 && c < 256 && (URI_UNRESERVED[c] || HNV_UNRESERVED[c]);
    }

    static boolean isHostChar(int c) {
        return c >= 0 && c < 256 && HOST[c];
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static int hexValue(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return c - 'A' + 10;
    }

    static boolean isWsp(int c) {
        return c == ' ' || c == '\t';
    }

    static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** Index of {@code c} in {@code s[from, to)}, or -1 (never looks past {@code to}). */
    static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) if (s.charAt(i) == c) return i;
        return -1;
    }

    /** ASCII case-insensitive equality; cheaper than String.equalsIgnoreCase for protocol tokens. */
    static boolean equalsIgnoreCase(CharSequence a, CharSequence b) {
        if (a.length() != b.length()) return false;
        for (int i = 0; i < a.length(); i++) {
            if (lower(a.charAt(i)) != lower(b.charAt(i))) return false;
        }
        return true;
    }

    /** ASCII lower case without touching non-ASCII characters (never locale dependent). */
    static String toLower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] a = s.toCharArray();
                for (int j = i; j < a.length; j++) a[j] = (char) lower(a[j]);
                return new String(a);
            }
        }
        return s;
    }
}
