package io.ferry.runtime.container;

import io.ferry.sip.AuthHeader;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.servlet.ServletOutputStream;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.ProxyBranch;
import javax.servlet.sip.Rel100Exception;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * A {@code SipServletResponse} (JSR 289 §5.3): created by the application for an incoming
 * request (and sent by it), or received for a request the application sent.
 */
final class FerrySipServletResponse extends FerrySipServletMessage implements SipServletResponse {

    private final FerrySipServletRequest request;
    private final boolean incoming;
    private boolean sent;
    private boolean ackCreated;
    /** For a response a proxy branch received (JSR 289 §10.2.4): its branch, and whether it is an intermediate one. */
    private FerryProxyBranch proxyBranch;
    private boolean branchResponse;

    FerrySipServletResponse(SipContainer container, SipResponse response, FerrySipSession session,
                            FerrySipServletRequest request, boolean incoming) {
        this(container, response, session, request, incoming, false);
    }

    /**
     * {@code editable}: a received response that a proxy passes to the application before it goes
     * upstream (JSR 289 §10.2.4): its non-system headers and content may change until the proxy
     * commits it after the callback.
     */
    FerrySipServletResponse(SipContainer container, SipResponse response, FerrySipSession session,
                            FerrySipServletRequest request, boolean incoming, boolean editable) {
        super(container, response, session, request.flow);
        this.request = request;
        this.incoming = incoming;
        if (incoming && !editable) edits.commit();
    }

    SipResponse response() {
        return (SipResponse) message();
    }

    FerrySipServletRequest requestImpl() {
        return request;
    }

    @Override
    public SipServletRequest getRequest() {
        return request;
    }

    @Override
    public int getStatus() {
        return response().status();
    }

    @Override
    public String getReasonPhrase() {
        return response().reason();
    }

    @Override
    public void setStatus(int statusCode) {
        setStatus(statusCode, null);
    }

    @Override
    public void setStatus(int statusCode, String reasonPhrase) {
        if (incoming) throw new IllegalStateException("a received response cannot be changed");
        if (statusCode < 100 || statusCode > 699) throw new IllegalArgumentException("status out of range: " + statusCode);
        edits.containerEdit(m -> ((SipResponse) m).withStatus(statusCode,
                reasonPhrase == null ? io.ferry.sip.SipStatus.reasonPhrase(statusCode) : reasonPhrase));
    }

    @Override
    public void send() throws IOException {
        if (incoming) throw new IllegalStateException("JSR 289: a received response is not sent (proxying is Proxy's)");
        synchronized (this) {
            if (sent) throw new IllegalStateException("the response has been sent");
            sent = true;
        }
        session.accessed();
        container.sendResponse(this);
    }

    /** Ferry does not offer reliable provisional responses (RFC 3262): the UAS sends them unreliably. */
    @Override
    public void sendReliably() throws Rel100Exception {
        if (incoming) throw new IllegalStateException("a received response is not sent");
        int s = getStatus();
        if (s < 101 || s > 199) throw new Rel100Exception(Rel100Exception.NOT_1XX);
        if (!request.getMethod().equals("INVITE")) throw new Rel100Exception(Rel100Exception.NOT_INVITE);
        throw new Rel100Exception(Rel100Exception.NOT_SUPPORTED);
    }

    /** JSR 289 §6.7.1: the application acknowledges a 2xx to its INVITE; the container acknowledges the rest. */
    @Override
    public SipServletRequest createAck() {
        if (!incoming || !request.getMethod().equals("INVITE") || getStatus() < 200 || getStatus() >= 300) {
            throw new IllegalStateException("JSR 289: ACK is created for a received 2xx to an INVITE");
        }
        synchronized (this) {
            if (ackCreated) throw new IllegalStateException("the ACK of this response has been created");
            ackCreated = true;
        }
        return container.createAck(this);
    }

    /** No reliable provisional responses reach applications (RFC 3262 is not offered). */
    @Override
    public SipServletRequest createPrack() throws Rel100Exception {
        if (!incoming || getStatus() < 101 || getStatus() > 199) throw new Rel100Exception(Rel100Exception.NOT_1XX);
        throw new IllegalStateException("not a reliable provisional response (Ferry does not offer RFC 3262)");
    }

    @Override
    public Iterator<String> getChallengeRealms() {
        List<String> realms = new ArrayList<>();
        for (String name : new String[] {"WWW-Authenticate", "Proxy-Authenticate"}) {
            try {
                for (AuthHeader h : response().authHeaders(name)) {
                    h.param("realm").ifPresent(realms::add);
                }
            } catch (SipParseException e) {
                // a malformed challenge names no realm
            }
        }
        return realms.iterator();
    }

    void proxyBranch(FerryProxyBranch branch, boolean intermediate) {
        this.proxyBranch = branch;
        this.branchResponse = intermediate;
    }

    @Override
    public Proxy getProxy() {
        return proxyBranch == null ? request.proxyOrNull() : proxyBranch.getProxy();
    }

    @Override
    public ProxyBranch getProxyBranch() {
        return proxyBranch;
    }

    @Override
    public boolean isBranchResponse() {
        return branchResponse;
    }

    // ------------------------------------------------------------------ javax.servlet.ServletResponse

    @Override
    public String getMethod() {
        return request.getMethod();
    }

    /** JSR 289: SIP content is set with setContent; there is no output stream. */
    @Override
    public ServletOutputStream getOutputStream() {
        return null;
    }

    /** JSR 289: SIP content is set with setContent; there is no writer. */
    @Override
    public PrintWriter getWriter() {
        return null;
    }

    @Override
    public void setBufferSize(int size) {
    }

    @Override
    public int getBufferSize() {
        return 0;
    }

    @Override
    public void flushBuffer() {
    }

    @Override
    public void resetBuffer() {
        if (isCommitted()) throw new IllegalStateException("committed");
    }

    @Override
    public void reset() {
        if (isCommitted()) throw new IllegalStateException("committed");
    }

    /** ServletResponse's form: an unknown charset is an IllegalArgumentException here. */
    @Override
    public void setCharacterEncoding(String enc) {
        try {
            super.setCharacterEncoding(enc);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalArgumentException("unsupported charset " + enc, e);
        }
    }

    @Override
    public void setLocale(Locale loc) {
        setContentLanguage(loc);
    }
}
