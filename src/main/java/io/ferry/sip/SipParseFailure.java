package io.ferry.sip;

/**
 * Why a SIP message, header or URI was rejected, each mapped once to the response a request gets
 * (the reason phrase names the fault, STYLE: one enum of failure reasons).
 */
public enum SipParseFailure {
    /** Nothing but CRLFs (RFC 3261 §7). */
    EMPTY_MESSAGE(400, "Empty Message"),
    /** A bare CR or LF where RFC 3261 §7 requires CRLF. */
    BAD_LINE_ENDING(400, "Bad Line Ending"),
    /** A line that never ends. */
    MISSING_CRLF(400, "Missing CRLF"),
    /** RFC 3261 §25.1 Request-Line grammar. */
    BAD_REQUEST_LINE(400, "Bad Request-Line"),
    /** A Request-URI that is not a URI (RFC 3261 §25.1). */
    BAD_REQUEST_URI(400, "Bad Request-URI"),
    /** Request-URI longer than {@link SipLimits#maxUriBytes()}. */
    URI_TOO_LONG(414, "Request-URI Too Long"),
    /** RFC 3261 §25.1 Status-Line grammar. */
    BAD_STATUS_LINE(400, "Bad Status-Line"),
    /** A SIP-Version that does not follow the grammar. */
    BAD_VERSION(400, "Bad SIP-Version"),
    /** A well-formed SIP-Version other than 2.0 (RFC 3261 §8.2.2... 505). */
    VERSION_NOT_SUPPORTED(505, "Version Not Supported"),
    /** A line longer than {@link SipLimits#maxLineBytes()}. */
    LINE_TOO_LONG(400, "Line Too Long"),
    /** The header section does not end with an empty line (RFC 3261 §7). */
    MISSING_EMPTY_LINE(400, "Missing Empty Line"),
    /** More than {@link SipLimits#maxHeaderCount()} header fields. */
    TOO_MANY_HEADERS(400, "Too Many Headers"),
    /** More than {@link SipLimits#maxViaCount()} Via values. */
    TOO_MANY_VIAS(400, "Too Many Via Headers"),
    /** A header line without a token name and colon (RFC 3261 §7.3.1). */
    BAD_HEADER(400, "Bad Header"),
    /** Content-Length that is not {@code 1*DIGIT} (RFC 3261 §20.14). */
    BAD_CONTENT_LENGTH(400, "Bad Content-Length"),
    /** More than one Content-Length field. */
    MULTIPLE_CONTENT_LENGTH(400, "Multiple Content-Length"),
    /** No Content-Length on a stream (RFC 3261 §18.3). */
    MISSING_CONTENT_LENGTH(400, "Missing Content-Length"),
    /** A datagram shorter than its Content-Length (RFC 3261 §18.3). */
    CONTENT_LENGTH_MISMATCH(400, "Content-Length Mismatch"),
    /** A message larger than {@link SipLimits#maxMessageBytes()}. */
    MESSAGE_TOO_LARGE(513, "Message Too Large"),
    /** A body larger than {@link SipLimits#maxContentLength()}. */
    BODY_TOO_LARGE(413, "Request Entity Too Large"),
    /** A header value that its view cannot read; the reason names the header ({@code Bad Via}). */
    BAD_HEADER_VALUE(400, "Bad Header Value"),
    /** A URI that does not follow its scheme's grammar; the reason names where it was. */
    BAD_URI(400, "Bad URI");

    private final int status;
    private final String reason;

    SipParseFailure(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    /** Status code of the response a request with this fault gets. */
    public int status() {
        return status;
    }

    /** Default reason phrase for that response. */
    public String reason() {
        return reason;
    }
}
