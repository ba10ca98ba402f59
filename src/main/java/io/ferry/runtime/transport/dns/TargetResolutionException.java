package io.ferry.runtime.transport.dns;

/** A SIP URI that gives no target: a {@code .invalid} host, an unusable transport, or no DNS records. */
public final class TargetResolutionException extends Exception {

    private static final long serialVersionUID = 1L;

    public TargetResolutionException(String message) {
        super(message);
    }

    public TargetResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
