package io.ferry.sip;

/** What a {@link SipFramer} finds in a byte stream, in order. */
public sealed interface SipFrame permits SipFrame.Message, SipFrame.Rejected, SipFrame.Ping, SipFrame.Pong {

    /** A complete, well-framed message. */
    record Message(SipMessage message) implements SipFrame {
    }

    /**
     * A message that was framed (its bytes are consumed, the stream goes on) but does not parse;
     * a request gets {@code error.status()} / {@code error.reason()}, built with
     * {@link SipParser#responseTo(byte[], int, int, SipParseException)} from {@code bytes}; a
     * response is dropped. Offsets are relative to the start of the message.
     *
     * @param error the parse error
     * @param bytes a copy of the message's bytes, owned by the receiver
     */
    record Rejected(SipParseException error, byte[] bytes) implements SipFrame {
        public Rejected(SipParseException error) {
            this(error, new byte[0]);
        }
    }

    /** RFC 5626 §4.4.1: a CRLFCRLF keepalive ping; the transport answers with one CRLF (pong). */
    record Ping() implements SipFrame {
    }

    /** RFC 5626 §4.4.1: a single CRLF between messages (a pong, or a tolerated leading CRLF). */
    record Pong() implements SipFrame {
    }

    Ping PING = new Ping();
    Pong PONG = new Pong();
}
