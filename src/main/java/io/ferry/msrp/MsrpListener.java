package io.ferry.msrp;

import java.nio.ByteBuffer;

/**
 * Receives what an {@link MsrpStreamParser} finds, in order. For each well-formed message:
 * {@link #onHeaders} once, {@link #onBody} zero or more times, {@link #onEnd} once. A message that
 * breaks a rule while its framing is intact gets {@link #onInvalid} instead of (or, when the fault
 * is in the body, after some of) those events; the parser then skips to its end-line and carries on.
 * Callbacks run on the thread that calls {@link MsrpStreamParser#feed}; they must not throw.
 */
public interface MsrpListener {

    /**
     * The start line and headers are complete.
     *
     * @param bodyFollows true if a blank line followed the headers (a body, maybe empty, comes next);
     *                    false for a bodiless message, whose {@link #onEnd} follows at once
     */
    void onHeaders(MsrpMessage message, boolean bodyFollows);

    /**
     * A slice of the body, in order. The buffer is a read-only slice (index 0 is its first byte) of the bytes passed to
     * {@code feed} (or of the parser's constant end-line prefix when bytes held back across a slice
     * boundary turn out to be body): consume or copy it before returning.
     */
    void onBody(ByteBuffer slice);

    /** The end-line was read: the message or chunk is complete. */
    void onEnd(MsrpMessage message, ContinuationFlag flag);

    /**
     * The message with this transaction id is malformed or too large but the stream is still framed.
     * The parser discards the rest of the message. To answer it, use {@code error.request()} (the
     * readable part of a request) with {@link MsrpResponse#answer} and {@code error.status()}, if
     * {@link MsrpRequest#wantsResponse} says so. {@code message} is the header part when it had
     * been delivered by {@link #onHeaders}, else null.
     */
    void onInvalid(String transactionId, MsrpMessage message, MsrpParseException error);
}
