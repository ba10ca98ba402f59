package io.ferry.sip;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The raw bytes of a start line, CRLF included, written back unchanged when not edited. */
final class StartLine {

    final byte[] buf;
    /** Index of the message's first byte in {@code buf}, or -1 for a line built by Ferry. */
    final int base;
    final int start;
    final int end;

    StartLine(byte[] buf, int base, int start, int end) {
        this.buf = buf;
        this.base = base;
        this.start = start;
        this.end = end;
    }

    static StartLine of(String text) {
        byte[] b = (text + "\r\n").getBytes(StandardCharsets.UTF_8);
        return new StartLine(b, -1, 0, b.length);
    }

    int length() {
        return end - start;
    }

    void writeTo(ByteBuffer out) {
        out.put(buf, start, end - start);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, start, end - start);
    }

    String text(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return new String(buf, start, Math.max(0, end - start - 2), StandardCharsets.UTF_8);
    }
}
