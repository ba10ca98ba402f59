package io.ferry.msrp;

import java.nio.ByteBuffer;

/**
 * Parses one whole MSRP message from one buffer, as one WebSocket message carries it (RFC 7977
 * §5.1). Built on {@link MsrpStreamParser}, so the rules and limits are the same; every violation is
 * thrown, and the buffer must end exactly after the end-line. The body of the returned frame is a
 * read-only view of the input, not a copy.
 */
public final class MsrpParser {

    private MsrpParser() {}

    public static MsrpFrame parse(byte[] bytes) {
        return parse(ByteBuffer.wrap(bytes), MsrpLimits.DEFAULTS);
    }

    public static MsrpFrame parse(byte[] bytes, MsrpLimits limits) {
        return parse(ByteBuffer.wrap(bytes), limits);
    }

    public static MsrpFrame parse(ByteBuffer buffer) {
        return parse(buffer, MsrpLimits.DEFAULTS);
    }

    /**
     * Parses the remaining bytes of {@code buffer} (its position is not moved).
     *
     * @throws MsrpParseException with offsets relative to the buffer's position
     */
    public static MsrpFrame parse(ByteBuffer buffer, MsrpLimits limits) {
        Collector c = new Collector();
        MsrpStreamParser parser = new MsrpStreamParser(limits, c, true);
        ByteBuffer in = buffer.duplicate();
        int start = in.position();
        parser.feed(in);
        if (!parser.isDone())
            throw new MsrpParseException(MsrpViolation.TRUNCATED, in.limit() - start, "no end-line", c.transactionId());
        if (in.hasRemaining())
            throw new MsrpParseException(MsrpViolation.TRAILING_DATA, in.position() - start, in.remaining() + " bytes", c.message.transactionId());
        ByteBuffer body = null;
        if (c.bodyFollows) body = c.body != null ? c.body : ByteBuffer.allocate(0);
        return new MsrpFrame(c.message, body, c.flag);
    }

    private static final class Collector implements MsrpListener {
        MsrpMessage message;
        boolean bodyFollows;
        ByteBuffer body;
        ContinuationFlag flag;

        String transactionId() { return message == null ? null : message.transactionId(); }

        @Override
        public void onHeaders(MsrpMessage m, boolean follows) {
            message = m;
            bodyFollows = follows;
        }

        @Override
        public void onBody(ByteBuffer slice) {
            if (body == null) {
                body = slice;
                return;
            }
            ByteBuffer joined = ByteBuffer.allocate(body.remaining() + slice.remaining());
            joined.put(body.duplicate()).put(slice.duplicate()).flip();
            body = joined;
        }

        @Override
        public void onEnd(MsrpMessage m, ContinuationFlag f) {
            flag = f;
        }

        @Override
        public void onInvalid(String transactionId, MsrpMessage m, MsrpParseException error) {
            throw error;
        }
    }
}
