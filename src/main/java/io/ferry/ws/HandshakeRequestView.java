package io.ferry.ws;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * What the policy needs to know of an upgrade request, independent of the servlet API so that
 * the policy is tested without a container.
 */
public interface HandshakeRequestView {

    /** The TCP peer (a proxy, when there is one). */
    InetSocketAddress socketPeer();

    /** The first value of a header, case-insensitively. */
    Optional<String> header(String name);

    /** Every value of a header (repeated fields and comma-separated lists are not split here). */
    List<String> headers(String name);

    Optional<String> queryParameter(String name);

    Optional<String> cookie(String name);

    /** The request path within the application, e.g. {@code /sip}. */
    String path();
}
