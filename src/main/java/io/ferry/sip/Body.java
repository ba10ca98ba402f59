package io.ferry.sip;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A message body: a range of a byte array that nobody writes to after construction. */
final class Body {

    static final Body EMPTY = new Body(new byte[0], 0, 0);

    final byte[] buf;
    final int off;
    final int len;

    Body(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    static Body copyOf(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? EMPTY : new Body(bytes.clone(), 0, bytes.length);
    }

    ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(buf, off, len).slice().asReadOnlyBuffer();
    }

    byte[] copy() {
        return Arrays.copyOfRange(buf, off, off + len);
    }

    void writeTo(ByteBuffer out) {
        out.put(buf, off, len);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, off, len);
    }

    boolean contentEquals(Body o) {
        return Arrays.equals(buf, off, off + len, o.buf, o.off, o.off + o.len);
    }
}
