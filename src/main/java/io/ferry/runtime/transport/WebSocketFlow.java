package io.ferry.runtime.transport;

import java.net.InetSocketAddress;
import java.util.Optional;

/** A WebSocket session carrying SIP (RFC 7118): transport WS or WSS. */
public final class WebSocketFlow extends Flow {

    private final InetSocketAddress socketPeer;
    private final String path;
    private final Optional<String> origin;

    /**
     * @param remote     the client's address (from a trusted proxy's header when there is one)
     * @param socketPeer the address of the TCP peer (the proxy, when there is one)
     */
    public WebSocketFlow(FlowId id, boolean secure, InetSocketAddress local, InetSocketAddress remote,
                         InetSocketAddress socketPeer, Optional<TlsInfo> tls, String path, Optional<String> origin,
                         FlowChannel channel) {
        super(id, secure ? Transport.WSS : Transport.WS, local, remote, tls, channel);
        this.socketPeer = socketPeer;
        this.path = path;
        this.origin = origin;
    }

    public InetSocketAddress socketPeer() {
        return socketPeer;
    }

    public String path() {
        return path;
    }

    public Optional<String> origin() {
        return origin;
    }
}
