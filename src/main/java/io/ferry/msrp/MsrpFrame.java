package io.ferry.msrp;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * One whole MSRP request or response: header part, optional body, and the end-line's flag. This is
 * what one WebSocket message carries (RFC 7977 §5.1) and what {@link MsrpParser} returns.
 *
 * @param body the body, or null for a bodiless message (RFC 4975 §7.1: a bodiless request differs
 *             from one with an empty body). Stored as a read-only slice (index 0 is the first body
 *             byte); the accessor returns a fresh view each time.
 */
public record MsrpFrame(MsrpMessage message, ByteBuffer body, ContinuationFlag flag) {

    public MsrpFrame {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(flag, "flag");
        if (body != null) body = body.asReadOnlyBuffer().slice();
        if (message instanceof MsrpResponse && body != null)
            throw new MsrpParseException(MsrpViolation.RESPONSE_HAS_BODY, -1, null, message.transactionId());
    }

    /** A bodiless message ending with {@code $}. */
    public static MsrpFrame of(MsrpMessage message) { return new MsrpFrame(message, null, ContinuationFlag.COMPLETE); }

    /** A request carrying {@code body}, ending with {@code flag}. */
    public static MsrpFrame of(MsrpRequest request, ByteBuffer body, ContinuationFlag flag) {
        return new MsrpFrame(request, body, flag);
    }

    @Override
    public ByteBuffer body() { return body == null ? null : body.duplicate(); }

    public boolean hasBody() { return body != null; }

    public Optional<ByteBuffer> optionalBody() { return Optional.ofNullable(body()); }

    /** Body length in bytes, 0 when bodiless. */
    public int bodyLength() { return body == null ? 0 : body.remaining(); }

    public MsrpFrame withMessage(MsrpMessage m) { return new MsrpFrame(m, body, flag); }
}
