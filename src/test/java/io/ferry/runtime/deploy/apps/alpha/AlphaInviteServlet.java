package io.ferry.runtime.deploy.apps.alpha;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.annotation.SipApplicationKey;

@javax.servlet.sip.annotation.SipServlet(name = "alpha-invite", loadOnStartup = 1, description = "answers INVITE")
public class AlphaInviteServlet extends SipServlet {
    private static final long serialVersionUID = 1L;

    @SipApplicationKey
    public static String key(SipServletRequest request) {
        return request.getCallId();
    }
}
