package io.ferry.runtime.container;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * A test SIP servlet: javax.servlet.sip.SipServlet's own dispatch picks the doXxx method; each
 * records "doXxx" (with the message) in the {@link Recorder}, prefixed with the servlet's label,
 * then runs the handler the test gave for the method (requests) or the status class (responses:
 * "1xx", "2xx", "3xx", "err"). Without a handler, SipServlet's default applies.
 */
final class ScriptedServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    interface OnRequest {
        void handle(SipServletRequest request) throws Exception;
    }

    interface OnResponse {
        void handle(SipServletResponse response) throws Exception;
    }

    private final transient Recorder recorder;
    private final String prefix;
    private final transient Map<String, OnRequest> requests = new ConcurrentHashMap<>();
    private final transient Map<String, OnResponse> responses = new ConcurrentHashMap<>();

    ScriptedServlet(Recorder recorder, String prefix) {
        this.recorder = recorder;
        this.prefix = prefix;
    }

    ScriptedServlet on(String method, OnRequest handler) {
        requests.put(method, handler);
        return this;
    }

    ScriptedServlet onResponse(String statusClass, OnResponse handler) {
        responses.put(statusClass, handler);
        return this;
    }

    private boolean request(String name, SipServletRequest req) throws ServletException, IOException {
        recorder.record(prefix + name, req);
        OnRequest h = requests.get(req.getMethod());
        if (h == null) return false;
        run(() -> h.handle(req));
        return true;
    }

    private void response(String name, String statusClass, SipServletResponse resp) throws ServletException, IOException {
        recorder.record(prefix + name, resp);
        OnResponse h = responses.get(statusClass);
        if (h != null) run(() -> h.handle(resp));
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void run(Body body) throws ServletException, IOException {
        try {
            body.run();
        } catch (ServletException | IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    @Override
    protected void doInvite(SipServletRequest req) throws ServletException, IOException {
        if (!request("doInvite", req)) super.doInvite(req);
    }

    @Override
    protected void doAck(SipServletRequest req) throws ServletException, IOException {
        if (!request("doAck", req)) super.doAck(req);
    }

    @Override
    protected void doBye(SipServletRequest req) throws ServletException, IOException {
        if (!request("doBye", req)) super.doBye(req);
    }

    @Override
    protected void doCancel(SipServletRequest req) throws ServletException, IOException {
        if (!request("doCancel", req)) super.doCancel(req);
    }

    @Override
    protected void doOptions(SipServletRequest req) throws ServletException, IOException {
        if (!request("doOptions", req)) super.doOptions(req);
    }

    @Override
    protected void doMessage(SipServletRequest req) throws ServletException, IOException {
        if (!request("doMessage", req)) super.doMessage(req);
    }

    @Override
    protected void doInfo(SipServletRequest req) throws ServletException, IOException {
        if (!request("doInfo", req)) super.doInfo(req);
    }

    @Override
    protected void doUpdate(SipServletRequest req) throws ServletException, IOException {
        if (!request("doUpdate", req)) super.doUpdate(req);
    }

    @Override
    protected void doSubscribe(SipServletRequest req) throws ServletException, IOException {
        if (!request("doSubscribe", req)) super.doSubscribe(req);
    }

    @Override
    protected void doNotify(SipServletRequest req) throws ServletException, IOException {
        if (!request("doNotify", req)) super.doNotify(req);
    }

    @Override
    protected void doRegister(SipServletRequest req) throws ServletException, IOException {
        if (!request("doRegister", req)) super.doRegister(req);
    }

    @Override
    protected void doProvisionalResponse(SipServletResponse resp) throws ServletException, IOException {
        response("doProvisionalResponse", "1xx", resp);
    }

    @Override
    protected void doSuccessResponse(SipServletResponse resp) throws ServletException, IOException {
        response("doSuccessResponse", "2xx", resp);
    }

    @Override
    protected void doRedirectResponse(SipServletResponse resp) throws ServletException, IOException {
        response("doRedirectResponse", "3xx", resp);
    }

    @Override
    protected void doBranchResponse(SipServletResponse resp) throws ServletException, IOException {
        response("doBranchResponse", "branch", resp);
    }

    @Override
    protected void doErrorResponse(SipServletResponse resp) throws ServletException, IOException {
        response("doErrorResponse", "err", resp);
    }
}
