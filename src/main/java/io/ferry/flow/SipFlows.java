package io.ferry.flow;

import java.util.Optional;

/**
 * Finds flows by id, and names the request attribute of the flow extension. An instance is a
 * ServletContext attribute named {@link #CONTEXT_ATTRIBUTE} of every SIP application.
 */
public interface SipFlows {

    /**
     * The request attribute holding a {@link SipFlow}: on an incoming request the flow it arrived on;
     * on an outgoing request (set by the application before {@code send()}) the flow to send it on,
     * whatever its Request-URI and Route say.
     */
    String ATTRIBUTE = "io.ferry.flow";

    /** The ServletContext attribute holding this directory. */
    String CONTEXT_ATTRIBUTE = "io.ferry.flow.SipFlows";

    /** The open flow with {@code id}, if any. */
    Optional<SipFlow> find(String id);
}
