package io.ferry.msrp;

/**
 * Size limits the MSRP parsers enforce before they allocate. Exceeding one yields a
 * {@link MsrpParseException} whose {@link MsrpViolation} answers 413, or closes the connection when
 * the transaction id is not yet known.
 *
 * @param maxHeaderBlockBytes start line plus all header lines, CRLFs included (default 16384)
 * @param maxHeaderCount      header lines, To-Path and From-Path included (default 64)
 * @param maxLineBytes        one start or header line, CRLF included (default 8192)
 * @param maxBodyBytes        one chunk body of a SEND request (default 64 MiB); RFC 4975 §7.1.1
 *                            lets a chunk be as large as the whole message
 * @param maxNonSendBodyBytes body of any other request (default 10240, RFC 4975 §7.1)
 * @param maxUriBytes         one MSRP URI (default 2048)
 * @param maxPathUris         URIs in one To-Path, From-Path or Use-Path (default 16)
 */
public record MsrpLimits(int maxHeaderBlockBytes, int maxHeaderCount, int maxLineBytes, long maxBodyBytes,
                         long maxNonSendBodyBytes, int maxUriBytes, int maxPathUris) {

    /** The defaults documented on the components. */
    public static final MsrpLimits DEFAULTS = new MsrpLimits(16384, 64, 8192, 64L * 1024 * 1024, 10240, 2048, 16);

    public MsrpLimits {
        if (maxHeaderBlockBytes < 64) throw new IllegalArgumentException("maxHeaderBlockBytes must be >= 64");
        if (maxHeaderCount < 2) throw new IllegalArgumentException("maxHeaderCount must be >= 2 (To-Path, From-Path)");
        if (maxLineBytes < 48) throw new IllegalArgumentException("maxLineBytes must be >= 48 (a start line with a 32-char transaction id)");
        if (maxBodyBytes < 0) throw new IllegalArgumentException("maxBodyBytes must be >= 0");
        if (maxNonSendBodyBytes < 0) throw new IllegalArgumentException("maxNonSendBodyBytes must be >= 0");
        if (maxUriBytes < 16) throw new IllegalArgumentException("maxUriBytes must be >= 16");
        if (maxPathUris < 1) throw new IllegalArgumentException("maxPathUris must be >= 1");
    }

    public MsrpLimits withMaxHeaderBlockBytes(int v) { return new MsrpLimits(v, maxHeaderCount, maxLineBytes, maxBodyBytes, maxNonSendBodyBytes, maxUriBytes, maxPathUris); }
    public MsrpLimits withMaxHeaderCount(int v) { return new MsrpLimits(maxHeaderBlockBytes, v, maxLineBytes, maxBodyBytes, maxNonSendBodyBytes, maxUriBytes, maxPathUris); }
    public MsrpLimits withMaxLineBytes(int v) { return new MsrpLimits(maxHeaderBlockBytes, maxHeaderCount, v, maxBodyBytes, maxNonSendBodyBytes, maxUriBytes, maxPathUris); }
    public MsrpLimits withMaxBodyBytes(long v) { return new MsrpLimits(maxHeaderBlockBytes, maxHeaderCount, maxLineBytes, v, maxNonSendBodyBytes, maxUriBytes, maxPathUris); }
    public MsrpLimits withMaxNonSendBodyBytes(long v) { return new MsrpLimits(maxHeaderBlockBytes, maxHeaderCount, maxLineBytes, maxBodyBytes, v, maxUriBytes, maxPathUris); }
    public MsrpLimits withMaxUriBytes(int v) { return new MsrpLimits(maxHeaderBlockBytes, maxHeaderCount, maxLineBytes, maxBodyBytes, maxNonSendBodyBytes, v, maxPathUris); }
    public MsrpLimits withMaxPathUris(int v) { return new MsrpLimits(maxHeaderBlockBytes, maxHeaderCount, maxLineBytes, maxBodyBytes, maxNonSendBodyBytes, maxUriBytes, v); }
}
