package io.ferry.runtime.lifecycle;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.Resource;
import javax.servlet.ServletConfig;
import javax.servlet.ServletContextEvent;
import javax.servlet.ServletContextListener;
import javax.servlet.ServletException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletContextEvent;
import javax.servlet.sip.SipServletListener;
import javax.servlet.sip.SipSessionsUtil;
import javax.servlet.sip.TimerService;

/** Servlets and listeners for the lifecycle tests; they write what happens to them into an event list. */
final class TestComponents {

    private TestComponents() {
    }

    interface Recording {
        void record(List<String> events);
    }

    /** A servlet that records init (with its name and the factory it sees in the context) and destroy. */
    public static class RecordingServlet extends SipServlet implements Recording {
        private static final long serialVersionUID = 1L;
        transient List<String> events = new ArrayList<>();
        @Resource
        transient SipFactory sipFactory;
        transient ServletConfig seenConfig;

        @Override
        public void record(List<String> e) {
            events = e;
        }

        @Override
        public void init(ServletConfig config) throws ServletException {
            super.init(config);
            seenConfig = config;
            events.add("init " + config.getServletName());
        }

        @Override
        public void destroy() {
            events.add("destroy " + getServletName());
        }
    }

    public static class First extends RecordingServlet {
        private static final long serialVersionUID = 1L;
    }

    public static class Second extends RecordingServlet {
        private static final long serialVersionUID = 1L;
    }

    public static class Third extends RecordingServlet {
        private static final long serialVersionUID = 1L;
    }

    /** init fails. */
    public static class Failing extends RecordingServlet {
        private static final long serialVersionUID = 1L;

        @Override
        public void init(ServletConfig config) throws ServletException {
            super.init(config);
            throw new ServletException("cannot start");
        }
    }

    /** Every JSR 289 §18 injection form. */
    public static class Injected extends Base {
        private static final long serialVersionUID = 1L;
        @Resource
        SipFactory factory;
        @Resource(name = "sip/timers")
        TimerService timers;
        @Resource
        static SipFactory staticFactory;
        @Resource(lookup = "java:global/unrelated")
        String unrelated;
        SipSessionsUtil viaSetter;

        @Resource
        public void setSessions(SipSessionsUtil u) {
            viaSetter = u;
        }
    }

    /** A SIP service reference the deployer bound himself ({@code lookup}). */
    public static class LookedUp extends SipServlet {
        private static final long serialVersionUID = 1L;
        @Resource(lookup = "java:global/mine")
        SipFactory factory;
    }

    /** Overrides {@link Injected}'s annotated setter with another annotated one. */
    public static class Overriding extends Injected {
        private static final long serialVersionUID = 1L;
        int calls;

        @Override
        @Resource
        public void setSessions(SipSessionsUtil u) {
            calls++;
            super.setSessions(u);
        }
    }

    /** The superclass of {@link Injected}. */
    public static class Base extends SipServlet {
        private static final long serialVersionUID = 1L;
        @Resource
        private SipSessionsUtil inherited;

        SipSessionsUtil inherited() {
            return inherited;
        }
    }

    /** Receives servletInitialized and the context events. */
    public static class ServletListener implements SipServletListener, ServletContextListener, Recording {
        List<String> events = new ArrayList<>();
        @Resource
        TimerService timerService;

        @Override
        public void record(List<String> e) {
            events = e;
        }

        @Override
        public void servletInitialized(SipServletContextEvent ce) {
            events.add("servletInitialized " + ce.getSipServlet().getServletName());
        }

        @Override
        public void contextInitialized(ServletContextEvent sce) {
            events.add("contextInitialized");
        }

        @Override
        public void contextDestroyed(ServletContextEvent sce) {
            events.add("contextDestroyed");
        }
    }
}
