package io.ferry.sipapps.injection;

import io.ferry.sipapps.events.SipAppEvents;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Resource;
import javax.ejb.EJB;
import javax.inject.Inject;
import javax.servlet.ServletException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSessionsUtil;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TimerService;

/**
 * Answers OPTIONS 200 with {@code X-Injected-SipFactory}, {@code -TimerService},
 * {@code -SipSessionsUtil} ({@code true} when injected and the same object as the ServletContext
 * attribute of JSR 289 §2.3.4, {@code present} when injected but another object, {@code false} when
 * missing) and {@code X-Injected-EJB} (what the bean answered, or {@code false}).
 */
@javax.servlet.sip.annotation.SipServlet(name = "injection")
public class InjectionServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    @Resource
    transient SipFactory sipFactory;

    @Resource
    transient TimerService timerService;

    @Resource
    transient SipSessionsUtil sipSessionsUtil;

    @EJB
    transient Greeter greeter;

    @Inject
    transient SipAppEvents events;

    private String compare(Object injected, Class<?> type) {
        if (injected == null) {
            return "false";
        }
        return injected == getServletContext().getAttribute(type.getName()) ? "true" : "present";
    }

    @Override
    protected void doOptions(SipServletRequest req) throws ServletException, IOException {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("SipFactory", compare(sipFactory, SipFactory.class));
        d.put("TimerService", compare(timerService, TimerService.class));
        d.put("SipSessionsUtil", compare(sipSessionsUtil, SipSessionsUtil.class));
        String user = req.getFrom().getURI() instanceof SipURI u ? u.getUser() : "anonymous";
        d.put("EJB", greeter == null ? "false" : greeter.greet(user));
        events.add("injection", "request", d);
        SipServletResponse ok = req.createResponse(200);
        d.forEach((k, v) -> ok.setHeader("X-Injected-" + k, String.valueOf(v)));
        if (sipSessionsUtil != null) {
            // the utility finds this request's own application session by id (JSR 289 §6.1.5)
            boolean found = sipSessionsUtil.getApplicationSessionById(req.getApplicationSession().getId()) != null;
            ok.setHeader("X-Injected-SipSessionsUtil-Finds-Own-Session", String.valueOf(found));
        }
        ok.send();
    }
}
