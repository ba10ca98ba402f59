package io.ferry.sip;

import java.util.Arrays;

/** Splits a list header value at top-level commas (RFC 3261 §7.3.1), honouring quotes and brackets. */
final class ValueSplitter {

    private ValueSplitter() {
    }

    /**
     * Ranges {@code [start0, end0, start1, end1, ...]} of the trimmed, non-empty elements. A comma
     * inside a quoted string (with {@code \} escapes) or inside {@code <...>} does not split.
     */
    static int[] split(String v) {
        int[] out = new int[4];
        int n = 0;
        int elemStart = 0;
        boolean quoted = false;
        boolean bracket = false;
        int len = v.length();
        for (int i = 0; i <= len; i++) {
            char c = i < len ? v.charAt(i) : ',';
            if (quoted) {
                if (c == '\\' && i + 1 < len) i++;
                else if (c == '"') quoted = false;
                continue;
            }
            if (i < len) {
                if (c == '"') { quoted = true; continue; }
                if (c == '<') { bracket = true; continue; }
                if (c == '>') { bracket = false; continue; }
            }
            if (c == ',' && (!bracket || i == len)) {
                int s = elemStart;
                int e = i;
                while (s < e && isLws(v.charAt(s))) s++;
                while (e > s && isLws(v.charAt(e - 1))) e--;
                if (e > s) {
                    if (n + 2 > out.length) out = Arrays.copyOf(out, out.length * 2);
                    out[n++] = s;
                    out[n++] = e;
                }
                elemStart = i + 1;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * Index of the comma ending the list element that starts at {@code from} (outside quotes and
     * {@code <...>}), or {@code v.length()} when it is the last one.
     */
    static int elementEnd(String v, int from) {
        boolean quoted = false;
        boolean bracket = false;
        int len = v.length();
        for (int i = from; i < len; i++) {
            char c = v.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < len) i++;
                else if (c == '"') quoted = false;
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                bracket = true;
            } else if (c == '>') {
                bracket = false;
            } else if (c == ',' && !bracket) {
                return i;
            }
        }
        return len;
    }

    /** Number of elements of a list value held in raw bytes, without allocating. */
    static int count(byte[] b, int start, int end) {
        int count = 0;
        boolean quoted = false;
        boolean bracket = false;
        boolean content = false;
        for (int i = start; i < end; i++) {
            int c = b[i];
            if (quoted) {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
                continue;
            }
            switch (c) {
                case '"' -> { quoted = true; content = true; }
                case '<' -> { bracket = true; content = true; }
                case '>' -> bracket = false;
                case ',' -> {
                    if (!bracket) {
                        if (content) count++;
                        content = false;
                    }
                }
                case ' ', '\t', '\r', '\n' -> { }
                default -> content = true;
            }
        }
        return content ? count + 1 : count;
    }

    private static boolean isLws(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
