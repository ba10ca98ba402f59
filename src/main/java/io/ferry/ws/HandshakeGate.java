package io.ferry.ws;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import io.ferry.runtime.transport.TlsInfo;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The servlet filter in front of a WebSocket path: every upgrade request passes the
 * {@link HandshakePolicy} before the container upgrades it. A refusal is an HTTP error with the
 * reason in the body and in {@code X-Ferry-Refusal}, a log line and a counter. An accepted
 * handshake's context reaches the endpoint instance that the container creates for it while the
 * filter chain runs (Liberty creates it on this thread; see docs/websocket.md).
 */
public final class HandshakeGate implements Filter {

    private static final System.Logger LOG = System.getLogger(HandshakeGate.class.getName());

    private final HandshakePolicy policy;
    private final String subprotocol;
    private final ThreadLocal<AdmittedHandshake> inFlight = new ThreadLocal<>();
    private final Map<HandshakeRefusal, LongAdder> refusals = new EnumMap<>(HandshakeRefusal.class);
    private final LongAdder accepted = new LongAdder();

    public HandshakeGate(HandshakePolicy policy, String subprotocol) {
        this.policy = policy;
        this.subprotocol = subprotocol;
        for (HandshakeRefusal r : HandshakeRefusal.values()) {
            refusals.put(r, new LongAdder());
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) resp;
        String upgrade = request.getHeader("Upgrade");
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            chain.doFilter(req, resp);   // not a handshake: static content, health, 404
            return;
        }
        HandshakeDecision decision = policy.check(new ServletHandshakeRequest(request), subprotocol, System.nanoTime());
        if (decision instanceof HandshakeDecision.Refuse refuse) {
            refuse(request, response, refuse);
            return;
        }
        HandshakeDecision.Accept accept = (HandshakeDecision.Accept) decision;
        inFlight.set(new AdmittedHandshake(accept, new InetSocketAddress(request.getLocalAddr(), request.getLocalPort()),
                new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort()), tlsInfo(request), request.getRequestURI()));
        boolean upgraded = false;
        try {
            chain.doFilter(req, resp);
            upgraded = response.getStatus() == HttpServletResponse.SC_SWITCHING_PROTOCOLS;
        } finally {
            inFlight.remove();
            if (!upgraded) {
                policy.released(accept.client(), System.nanoTime());
                LOG.log(Level.INFO, "ws handshake client={0} path={1} not upgraded: status={2}",
                        accept.client(), request.getRequestURI(), response.getStatus());
            }
        }
        accepted.increment();
    }

    /** The accepted handshake being upgraded on this thread, for the endpoint instance. */
    Optional<AdmittedHandshake> current() {
        return Optional.ofNullable(inFlight.get());
    }

    /** Servlet 4.0 §3.8: the TLS attributes of a request that arrived over HTTPS. */
    private static Optional<TlsInfo> tlsInfo(HttpServletRequest request) {
        if (!request.isSecure()) {
            return Optional.empty();
        }
        Object cipher = request.getAttribute("javax.servlet.request.cipher_suite");
        Object certs = request.getAttribute("javax.servlet.request.X509Certificate");
        List<X509Certificate> peer = certs instanceof X509Certificate[] chain ? List.of(chain) : List.of();
        return Optional.of(new TlsInfo("TLS", cipher == null ? "" : cipher.toString(), Optional.ofNullable(request.getServerName()), peer));
    }

    void released(InetSocketAddress client) {
        policy.released(client, System.nanoTime());
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HandshakeDecision.Refuse refuse) throws IOException {
        refusals.get(refuse.refusal()).increment();
        LOG.log(Level.INFO, "ws handshake refused peer={0}:{1} path={2} subprotocol={3} status={4} reason=\"{5}\"",
                request.getRemoteAddr(), Integer.toString(request.getRemotePort()), request.getRequestURI(), subprotocol,
                Integer.toString(refuse.status()), refuse.reason());
        response.setStatus(refuse.status());
        response.setHeader("X-Ferry-Refusal", refuse.refusal().label());
        response.setHeader("Connection", "close");
        response.setContentType("text/plain;charset=UTF-8");
        byte[] body = (refuse.reason() + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    public long acceptedCount() {
        return accepted.sum();
    }

    public long refusedCount(HandshakeRefusal refusal) {
        return refusals.get(refusal).sum();
    }
}
