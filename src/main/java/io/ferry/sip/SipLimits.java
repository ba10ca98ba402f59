package io.ferry.sip;

/**
 * Size limits applied by {@link SipParser} and {@link SipFramer} before any memory is allocated.
 *
 * @param maxMessageBytes  whole message (start line, headers, body); exceeding it answers 513
 * @param maxHeaderCount   header fields (lines, not comma-separated values); exceeding it answers 400
 * @param maxLineBytes     one physical line without its CRLF; exceeding it answers 400
 * @param maxContentLength Content-Length value; exceeding it answers 413
 * @param maxUriBytes      Request-URI length; exceeding it answers 414
 * @param maxViaCount      Via values, counting comma-separated ones; exceeding it answers 400 (default 70,
 *                         the usual initial Max-Forwards, so no legitimate request carries more)
 */
public record SipLimits(int maxMessageBytes, int maxHeaderCount, int maxLineBytes,
                        int maxContentLength, int maxUriBytes, int maxViaCount) {

    /** Default message size: 64 KiB, the largest UDP datagram and a generous WebSocket frame. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;

    public SipLimits {
        if (maxMessageBytes < 64) throw new IllegalArgumentException("maxMessageBytes must be >= 64: " + maxMessageBytes);
        if (maxHeaderCount < 1) throw new IllegalArgumentException("maxHeaderCount must be >= 1: " + maxHeaderCount);
        if (maxLineBytes < 32) throw new IllegalArgumentException("maxLineBytes must be >= 32: " + maxLineBytes);
        if (maxContentLength < 0) throw new IllegalArgumentException("maxContentLength must be >= 0: " + maxContentLength);
        if (maxUriBytes < 8) throw new IllegalArgumentException("maxUriBytes must be >= 8: " + maxUriBytes);
        if (maxViaCount < 1) throw new IllegalArgumentException("maxViaCount must be >= 1: " + maxViaCount);
    }

    /** 64 KiB message, 256 headers, 8 KiB line, 64 KiB content, 4 KiB URI, 70 Vias. */
    public static SipLimits defaults() {
        return new SipLimits(DEFAULT_MAX_MESSAGE_BYTES, 256, 8 * 1024, 64 * 1024, 4 * 1024, 70);
    }

    public SipLimits withMaxMessageBytes(int v) { return new SipLimits(v, maxHeaderCount, maxLineBytes, maxContentLength, maxUriBytes, maxViaCount); }
    public SipLimits withMaxHeaderCount(int v) { return new SipLimits(maxMessageBytes, v, maxLineBytes, maxContentLength, maxUriBytes, maxViaCount); }
    public SipLimits withMaxLineBytes(int v) { return new SipLimits(maxMessageBytes, maxHeaderCount, v, maxContentLength, maxUriBytes, maxViaCount); }
    public SipLimits withMaxContentLength(int v) { return new SipLimits(maxMessageBytes, maxHeaderCount, maxLineBytes, v, maxUriBytes, maxViaCount); }
    public SipLimits withMaxUriBytes(int v) { return new SipLimits(maxMessageBytes, maxHeaderCount, maxLineBytes, maxContentLength, v, maxViaCount); }
    public SipLimits withMaxViaCount(int v) { return new SipLimits(maxMessageBytes, maxHeaderCount, maxLineBytes, maxContentLength, maxUriBytes, v); }
}
