package io.ferry.runtime.container;

import io.ferry.runtime.api.MessageEdits;
import io.ferry.runtime.transport.Flow;
import io.ferry.sip.SipMessage;
import java.io.UnsupportedEncodingException;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.ListIterator;
import java.util.Locale;
import javax.servlet.sip.Address;
import javax.servlet.sip.Parameterable;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipSession;

/**
 * What requests and responses share (JSR 289 §5): the header and content model of
 * {@link MessageEdits} over an immutable message, the session, and the transport the message
 * arrived on. Outgoing messages have no flow until sent.
 */
abstract class FerrySipServletMessage implements SipServletMessage {

    final SipContainer container;
    final MessageEdits edits;
    final FerrySipSession session;
    /** The flow the message arrived on (incoming), or was sent on (outgoing, once sent). */
    volatile Flow flow;
    /** For a message routed between two applications of this node: the network flow of the first hop. */
    volatile Flow initialFlow;

    FerrySipServletMessage(SipContainer container, SipMessage message, FerrySipSession session, Flow flow) {
        this.container = container;
        this.edits = new MessageEdits(message, container.limits());
        this.session = session;
        this.flow = flow;
        this.initialFlow = flow;
    }

    /** The message as it stands, every edit applied. */
    SipMessage message() {
        return edits.toMessage();
    }

    /** The CSeq number of the message; -1 when it has none or it is malformed. */
    long cseqNumber() {
        try {
            return message().cseq().map(io.ferry.sip.CSeq::number).orElse(-1L);
        } catch (io.ferry.sip.SipParseException e) {
            return -1;
        }
    }

    // ------------------------------------------------------------------ headers

    @Override
    public void addAcceptLanguage(Locale locale) {
        edits.addAcceptLanguage(locale);
    }

    @Override
    public void addAddressHeader(String name, Address addr, boolean first) {
        edits.addAddressHeader(name, addr, first);
    }

    @Override
    public void addHeader(String name, String value) {
        edits.addHeader(name, value);
    }

    @Override
    public void addParameterableHeader(String name, Parameterable param, boolean first) {
        edits.addParameterableHeader(name, param, first);
    }

    @Override
    public Locale getAcceptLanguage() {
        return edits.getAcceptLanguage();
    }

    @Override
    public Iterator<Locale> getAcceptLanguages() {
        return edits.getAcceptLanguages();
    }

    @Override
    public Address getAddressHeader(String name) throws ServletParseException {
        return edits.getAddressHeader(name);
    }

    @Override
    public ListIterator<Address> getAddressHeaders(String name) throws ServletParseException {
        return edits.getAddressHeaders(name);
    }

    @Override
    public String getCallId() {
        return edits.getCallId();
    }

    @Override
    public String getCharacterEncoding() {
        return edits.getCharacterEncoding();
    }

    @Override
    public Object getContent() throws UnsupportedEncodingException {
        return edits.getContent();
    }

    @Override
    public Locale getContentLanguage() {
        return edits.getContentLanguage();
    }

    @Override
    public int getContentLength() {
        return edits.getContentLength();
    }

    @Override
    public String getContentType() {
        return edits.getContentType();
    }

    @Override
    public int getExpires() {
        return edits.getExpires();
    }

    @Override
    public Address getFrom() {
        return edits.getFrom();
    }

    @Override
    public String getHeader(String name) {
        return edits.getHeader(name);
    }

    @Override
    public HeaderForm getHeaderForm() {
        return edits.getHeaderForm();
    }

    @Override
    public Iterator<String> getHeaderNames() {
        return edits.getHeaderNames();
    }

    @Override
    public ListIterator<String> getHeaders(String name) {
        return edits.getHeaders(name);
    }

    @Override
    public Parameterable getParameterableHeader(String name) throws ServletParseException {
        return edits.getParameterableHeader(name);
    }

    @Override
    public ListIterator<? extends Parameterable> getParameterableHeaders(String name) throws ServletParseException {
        return edits.getParameterableHeaders(name);
    }

    @Override
    public String getProtocol() {
        return edits.getProtocol();
    }

    @Override
    public byte[] getRawContent() {
        return edits.getRawContent();
    }

    @Override
    public Address getTo() {
        return edits.getTo();
    }

    @Override
    public void removeHeader(String name) {
        edits.removeHeader(name);
    }

    @Override
    public void setAcceptLanguage(Locale locale) {
        edits.setAcceptLanguage(locale);
    }

    @Override
    public void setAddressHeader(String name, Address addr) {
        edits.setAddressHeader(name, addr);
    }

    @Override
    public void setCharacterEncoding(String enc) throws UnsupportedEncodingException {
        edits.setCharacterEncoding(enc);
    }

    @Override
    public void setContent(Object content, String contentType) throws UnsupportedEncodingException {
        edits.setContent(content, contentType);
    }

    @Override
    public void setContentLanguage(Locale locale) {
        edits.setContentLanguage(locale);
    }

    /** Content-Length is computed from the content (JSR 289 §5.5: the container sets it). */
    @Override
    public void setContentLength(int len) {
        if (edits.isCommitted()) throw new IllegalStateException("JSR 289: the message is committed");
        if (len != edits.getContentLength()) {
            throw new IllegalArgumentException("Content-Length is computed from the content (" + edits.getContentLength() + " bytes)");
        }
    }

    public void setContentLengthLong(long len) {
        setContentLength(Math.toIntExact(len));
    }

    @Override
    public void setContentType(String type) {
        edits.setContentType(type);
    }

    @Override
    public void setExpires(int seconds) {
        edits.setExpires(seconds);
    }

    @Override
    public void setHeader(String name, String value) {
        edits.setHeader(name, value);
    }

    @Override
    public void setHeaderForm(HeaderForm form) {
        edits.setHeaderForm(form);
    }

    @Override
    public void setParameterableHeader(String name, Parameterable param) {
        edits.setParameterableHeader(name, param);
    }

    @Override
    public boolean isCommitted() {
        return edits.isCommitted();
    }

    // ------------------------------------------------------------------ attributes

    /** Servlet 4.0 §3.8 / JSR 289 §5.8: the TLS attributes of a message that came over TLS or WSS. */
    static final String CERTIFICATES = "javax.servlet.request.X509Certificate";
    static final String CIPHER_SUITE = "javax.servlet.request.cipher_suite";
    static final String TLS_PROTOCOL = "io.ferry.tls.protocol";
    static final String TLS_SERVER_NAME = "io.ferry.tls.server_name";

    private Object tlsAttribute(String name) {
        Flow f = flow;
        if (f == null || f.tls().isEmpty()) return null;
        var tls = f.tls().get();
        return switch (name) {
            case CERTIFICATES -> tls.peerCertificates().isEmpty() ? null
                    : tls.peerCertificates().toArray(new java.security.cert.X509Certificate[0]);
            case CIPHER_SUITE -> tls.cipherSuite();
            case TLS_PROTOCOL -> tls.protocol();
            case TLS_SERVER_NAME -> tls.serverName().orElse(null);
            default -> null;
        };
    }

    @Override
    public Object getAttribute(String name) {
        if (name == null) throw new NullPointerException("attribute name");
        if (name.equals(CERTIFICATES) || name.equals(CIPHER_SUITE) || name.equals(TLS_PROTOCOL) || name.equals(TLS_SERVER_NAME)) {
            Object set = edits.getAttribute(name);
            return set != null ? set : tlsAttribute(name);
        }
        if (io.ferry.flow.SipFlows.ATTRIBUTE.equals(name)) {
            Object set = edits.getAttribute(name);
            if (set != null) return set;
            Flow f = flow;
            return f == null ? null : container.flows().handle(f);
        }
        return edits.getAttribute(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(java.util.Collections.list(edits.getAttributeNames()));
        if (flow != null) names.add(io.ferry.flow.SipFlows.ATTRIBUTE);
        for (String tls : new String[] {CERTIFICATES, CIPHER_SUITE, TLS_PROTOCOL, TLS_SERVER_NAME}) {
            if (tlsAttribute(tls) != null) names.add(tls);
        }
        return java.util.Collections.enumeration(names);
    }

    @Override
    public void setAttribute(String name, Object value) {
        edits.setAttribute(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        edits.removeAttribute(name);
    }

    // ------------------------------------------------------------------ sessions

    @Override
    public SipApplicationSession getApplicationSession() {
        return session.appSessionImpl();
    }

    @Override
    public SipApplicationSession getApplicationSession(boolean create) {
        return session.appSessionImpl();
    }

    @Override
    public SipSession getSession() {
        return session;
    }

    @Override
    public SipSession getSession(boolean create) {
        return session;
    }

    // ------------------------------------------------------------------ transport

    @Override
    public String getLocalAddr() {
        Flow f = flow;
        return f == null ? null : f.localAddress().getAddress().getHostAddress();
    }

    @Override
    public int getLocalPort() {
        Flow f = flow;
        return f == null ? -1 : f.localAddress().getPort();
    }

    /** The client's address; for WebSocket behind a trusted proxy the one the proxy reported. */
    @Override
    public String getRemoteAddr() {
        Flow f = flow;
        return f == null ? null : address(f.remoteAddress());
    }

    @Override
    public int getRemotePort() {
        Flow f = flow;
        return f == null ? -1 : f.remoteAddress().getPort();
    }

    @Override
    public String getTransport() {
        Flow f = flow;
        return f == null ? null : f.transport().name();
    }

    @Override
    public String getInitialRemoteAddr() {
        Flow f = initialFlow;
        return f == null ? null : address(f.remoteAddress());
    }

    @Override
    public int getInitialRemotePort() {
        Flow f = initialFlow;
        return f == null ? -1 : f.remoteAddress().getPort();
    }

    @Override
    public String getInitialTransport() {
        Flow f = initialFlow;
        return f == null ? null : f.transport().name();
    }

    @Override
    public boolean isSecure() {
        Flow f = flow;
        return f != null && f.secure();
    }

    private static String address(InetSocketAddress a) {
        return a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
    }

    // ------------------------------------------------------------------ security: Ferry has no container-managed SIP security

    /** Ferry does not authenticate SIP requests for applications (JSR 289 §20): no user. */
    @Override
    public String getRemoteUser() {
        return null;
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    // ------------------------------------------------------------------ javax.servlet.ServletRequest/ServletResponse shared

    public Locale getLocale() {
        Locale l = edits.getAcceptLanguage();
        return l == null ? Locale.getDefault() : l;
    }

    public javax.servlet.ServletContext getServletContext() {
        return session.app().context();
    }

    @Override
    public String toString() {
        return message().toString();
    }
}
