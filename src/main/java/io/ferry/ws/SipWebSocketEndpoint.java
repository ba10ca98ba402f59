package io.ferry.ws;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.Transport;
import io.ferry.runtime.transport.SipInboundHandler.Outcome;
import io.ferry.runtime.transport.WebSocketFlow;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.websocket.CloseReason.CloseCodes;
import javax.websocket.Endpoint;
import javax.websocket.EndpointConfig;
import javax.websocket.MessageHandler;
import javax.websocket.PongMessage;
import javax.websocket.Session;

/**
 * SIP over WebSocket (RFC 7118): one instance per connection, created by the container while the
 * {@link HandshakeGate} admits the upgrade. One WebSocket message is one SIP message, text or
 * binary (§5.1); fragments are reassembled by the container up to the configured maximum, beyond
 * which the connection closes with 1009.
 */
public final class SipWebSocketEndpoint extends Endpoint {

    private static final System.Logger LOG = System.getLogger(SipWebSocketEndpoint.class.getName());

    private final SipWebSocketRuntime runtime;
    private final Optional<AdmittedHandshake> handshake;
    private volatile Session session;
    private volatile WebSocketFlow flow;
    private volatile SessionChannel channel;
    private volatile long lastPongNanos = System.nanoTime();

    SipWebSocketEndpoint(SipWebSocketRuntime runtime, Optional<AdmittedHandshake> handshake) {
        this.runtime = runtime;
        this.handshake = handshake;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        if (handshake.isEmpty()) {
            LOG.log(Level.ERROR, "ws session={0}: no handshake context (the container created the endpoint outside the filter);"
                    + " closing", session.getId());
            close(session, CloseCodes.UNEXPECTED_CONDITION, "handshake context missing");
            return;
        }
        AdmittedHandshake admitted = handshake.get();
        HandshakeDecision.Accept accept = admitted.accept();
        this.session = session;
        int max = runtime.config().maxMessageBytes();
        session.setMaxTextMessageBufferSize(max);
        session.setMaxBinaryMessageBufferSize(max);
        session.setMaxIdleTimeout(0);
        SessionChannel channel = new SessionChannel(session, runtime.config().maxOutboundBytes());
        this.channel = channel;
        boolean secure = admitted.secure();
        WebSocketFlow f = new WebSocketFlow(runtime.flowIds().next(secure ? Transport.WSS : Transport.WS), secure,
                admitted.local(), accept.client(), admitted.socketPeer(), admitted.tls(), admitted.path(), accept.origin(), channel);
        channel.attach(f);
        this.flow = f;
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                onMessage(session, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) bytes -> onMessage(session, bytes));
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> lastPongNanos = System.nanoTime());
        runtime.flowTable().open(f);
        runtime.opened(this);
        LOG.log(Level.DEBUG, "flow={0} opened client={1} origin={2}", f.id(), accept.client(), accept.origin().orElse("-"));
    }

    private void onMessage(Session session, ByteBuffer message) {
        WebSocketFlow f = flow;
        try {
            Outcome outcome = runtime.inbound().onMessage(f, message);
            if (outcome == Outcome.UNFRAMEABLE) {
                LOG.log(Level.INFO, "flow={0} client={1}: message is not SIP, closing 1007", f.id(), f.remoteAddress());
                f.close(CloseReason.INVALID_DATA);
            }
        } catch (RuntimeException e) {
            // STYLE: an exception never leaves a JSR-356 callback; this flow fails, no other.
            LOG.log(Level.WARNING, "flow=" + f.id() + ": failure handling a message, closing 1011", e);
            f.close(CloseReason.INTERNAL_ERROR);
        }
    }

    @Override
    public void onClose(Session session, javax.websocket.CloseReason closeReason) {
        WebSocketFlow f = flow;
        if (f == null) {
            return;
        }
        runtime.closed(this);
        handshake.ifPresent(a -> runtime.released(a.accept().client()));
        int code = closeReason.getCloseCode().getCode();
        CloseReason reason = code == CloseCodes.TOO_BIG.getCode() ? CloseReason.TOO_BIG
                : code == CloseCodes.NORMAL_CLOSURE.getCode() || code == CloseCodes.GOING_AWAY.getCode() ? CloseReason.PEER_CLOSED
                : code == CloseCodes.PROTOCOL_ERROR.getCode() ? CloseReason.PROTOCOL_ERROR
                : CloseReason.TRANSPORT_ERROR;
        if (code == CloseCodes.TOO_BIG.getCode()) {
            LOG.log(Level.INFO, "flow={0} client={1}: message larger than {2} bytes, closed 1009",
                    f.id(), f.remoteAddress(), Integer.toString(runtime.config().maxMessageBytes()));
        }
        f.closed(f.closeReason().orElse(reason));
        LOG.log(Level.DEBUG, "flow={0} closed code={1} reason={2}", f.id(), Integer.toString(code), closeReason.getReasonPhrase());
    }

    @Override
    public void onError(Session session, Throwable error) {
        WebSocketFlow f = flow;
        LOG.log(Level.INFO, "flow={0}: WebSocket error: {1}", f == null ? session.getId() : f.id(), String.valueOf(error));
    }

    /** Keepalive sweep: ping, or close a peer that has not answered two pings (RFC 6455 §5.5.2). */
    void keepalive(long nowNanos, long intervalNanos) {
        WebSocketFlow f = flow;
        Session session = this.session;
        if (f == null || session == null || !f.isOpen()) {
            return;
        }
        if (nowNanos - lastPongNanos > 2 * intervalNanos + intervalNanos / 2) {
            LOG.log(Level.INFO, "flow={0} client={1}: no pong, closing", f.id(), f.remoteAddress());
            f.close(CloseReason.KEEPALIVE_TIMEOUT);
            return;
        }
        SessionChannel c = channel;
        if (c != null) {
            c.ping();
        }
    }

    WebSocketFlow flow() {
        return flow;
    }

    private static void close(Session session, CloseCodes code, String reason) {
        try {
            session.close(new javax.websocket.CloseReason(code, reason));
        } catch (java.io.IOException e) {
            LOG.log(Level.DEBUG, "close failed: {0}", e.toString());
        }
    }
}
