package io.ferry.runtime.deploy;

/**
 * The SIP applications of a WAR cannot be deployed: sip.xml is malformed or the annotations and
 * sip.xml break a deployment rule. Unchecked on purpose: Open Liberty fails a deployment when a
 * {@code ServletContainerInitializer} throws an unchecked exception, but only logs a warning
 * (CWWWC0001W) and starts the application anyway when it throws a {@code ServletException}.
 */
public final class SipDeploymentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SipDeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
