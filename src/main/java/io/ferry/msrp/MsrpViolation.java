package io.ferry.msrp;

/**
 * Every way MSRP input can be rejected, mapped once to the transaction status to answer and to
 * whether the byte stream can still be framed. When {@link #framingLost()} is true the connection
 * must be closed: the parser cannot find where the next message starts.
 */
public enum MsrpViolation {
    /** RFC 4975 §9 req-start / resp-start: the line does not start with "MSRP" SP transact-id SP. */
    START_LINE_MALFORMED(400, true, "Malformed start line"),
    /** RFC 4975 §9 ident: ALPHANUM 3*31ident-char. */
    TRANSACTION_ID_INVALID(400, true, "Invalid transaction id"),
    START_LINE_TOO_LONG(413, true, "Start line too long"),
    /** RFC 4975 §9 other-method = 1*UPALPHA. */
    METHOD_INVALID(400, false, "Invalid method"),
    /** RFC 4975 §9 status-code = 3DIGIT, comment = utf8text. */
    STATUS_LINE_INVALID(400, false, "Invalid status line"),
    /** RFC 4975 §9: lines end with CRLF. */
    BARE_LF(400, false, "Line not terminated by CRLF"),
    HEADER_LINE_TOO_LONG(413, false, "Header line too long"),
    HEADER_BLOCK_TOO_LARGE(413, false, "Header block too large"),
    TOO_MANY_HEADERS(413, false, "Too many header fields"),
    /** RFC 4975 §9 ext-header = hname ":" SP hval. */
    HEADER_MALFORMED(400, false, "Malformed header field"),
    HEADER_DUPLICATED(400, false, "Header field appears twice"),
    /** RFC 4975 §9 utf8text. */
    UTF8_INVALID(400, false, "Invalid UTF-8"),
    /** RFC 4975 §9 headers = To-Path CRLF From-Path CRLF ... */
    TO_PATH_MISSING(400, false, "Missing To-Path"),
    FROM_PATH_MISSING(400, false, "Missing From-Path"),
    /** RFC 4975 §9 MSRP-URI (RFC 7977 §5.2.1 adds transport "ws"). */
    URI_INVALID(400, false, "Invalid MSRP URI"),
    URI_TOO_LONG(413, false, "MSRP URI too long"),
    TOO_MANY_PATH_URIS(413, false, "Too many URIs in a path"),
    /** RFC 4975 §9 Byte-Range = range-start "-" range-end "/" total. */
    BYTE_RANGE_INVALID(400, false, "Invalid Byte-Range"),
    /** RFC 4975 §9 Success-Report / Failure-Report values. */
    REPORT_VALUE_INVALID(400, false, "Invalid Success-Report or Failure-Report"),
    /** RFC 4975 §9 Status = namespace SP status-code [SP comment]. */
    STATUS_HEADER_INVALID(400, false, "Invalid Status"),
    /** RFC 4976 §8 Expires / Min-Expires / Max-Expires = 1*DIGIT. */
    EXPIRES_INVALID(400, false, "Invalid Expires, Min-Expires or Max-Expires"),
    MESSAGE_ID_INVALID(400, false, "Invalid Message-ID"),
    CONTENT_TYPE_INVALID(400, false, "Invalid Content-Type"),
    /** RFC 4975 §9 msrp-response = resp-start headers end-line: no body. */
    RESPONSE_HAS_BODY(400, false, "Response with a body"),
    BODY_TOO_LARGE(413, false, "Body too large"),
    /** RFC 4975 §9 end-line = "-------" transact-id continuation-flag CRLF. */
    END_LINE_MALFORMED(400, true, "Malformed end-line"),
    /** One-shot parse: the buffer ended inside the message. */
    TRUNCATED(400, true, "Message truncated"),
    /** One-shot parse: bytes follow the end-line (RFC 7977 §5: one message per WebSocket message). */
    TRAILING_DATA(400, true, "Data after the end-line");

    private final int status;
    private final boolean framingLost;
    private final String reason;

    MsrpViolation(int status, boolean framingLost, String reason) {
        this.status = status;
        this.framingLost = framingLost;
        this.reason = reason;
    }

    /** The MSRP transaction status to answer a request with (400 or 413). */
    public int status() { return status; }

    /** True if the stream can no longer be framed and the connection must be closed. */
    public boolean framingLost() { return framingLost; }

    /** A short comment for the response start line, e.g. {@code "Missing To-Path"}. */
    public String reason() { return reason; }
}
