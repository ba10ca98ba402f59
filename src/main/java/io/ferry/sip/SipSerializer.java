package io.ferry.sip;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Writes messages as bytes without building a String for the whole message: the start line and
 * every header field are copied from their raw bytes (so a parsed message is written back byte
 * for byte, folding and odd whitespace included), then CRLF and the body. Content-Length is not
 * recomputed: the {@code with*} methods keep it right. Stateless and thread-safe.
 */
public final class SipSerializer {

    private static final byte[] CRLF = {'\r', '\n'};

    /** Exact number of bytes {@link #write(SipMessage, ByteBuffer)} writes. */
    public int size(SipMessage m) {
        return startLine(m).length() + m.headers().rawLength() + 2 + m.bodyLength();
    }

    /**
     * Writes the message at the buffer's position.
     *
     * @throws BufferOverflowException when fewer than {@link #size} bytes remain; nothing is written then
     */
    public void write(SipMessage m, ByteBuffer out) {
        if (out.remaining() < size(m)) throw new BufferOverflowException();
        startLine(m).writeTo(out);
        m.headers().writeTo(out);
        out.put(CRLF);
        body(m).writeTo(out);
    }

    /** Writes the message to a stream (buffer the stream: each header is one write). */
    public void write(SipMessage m, OutputStream out) throws IOException {
        startLine(m).writeTo(out);
        m.headers().writeTo(out);
        out.write(CRLF);
        body(m).writeTo(out);
    }

    /** The message as a new byte array. */
    public byte[] toBytes(SipMessage m) {
        StartLine l = startLine(m);
        byte[] out = new byte[size(m)];
        System.arraycopy(l.buf, l.start, out, 0, l.length());
        int p = l.length();
        p = m.headers().copyTo(out, p);
        out[p++] = '\r';
        out[p++] = '\n';
        Body b = body(m);
        System.arraycopy(b.buf, b.off, out, p, b.len);
        return out;
    }

    private static StartLine startLine(SipMessage m) {
        if (m instanceof SipRequest r) return r.startLine();
        return ((SipResponse) m).startLine();
    }

    private static Body body(SipMessage m) {
        if (m instanceof SipRequest r) return r.rawBody();
        return ((SipResponse) m).rawBody();
    }
}
