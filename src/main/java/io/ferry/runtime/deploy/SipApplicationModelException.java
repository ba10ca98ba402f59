package io.ferry.runtime.deploy;

/**
 * A WAR whose SIP applications cannot be deployed: the annotations and {@code WEB-INF/sip.xml}
 * break one of JSR 289's deployment rules (or one of Ferry's, see {@link Violation}). Names the
 * class, method or sip.xml element at fault and the rule broken.
 */
public final class SipApplicationModelException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The rule broken; each maps to one fixed explanation. */
    public enum Violation {
        /** JSR 289 annotations: a {@code @SipServlet} class is a {@code javax.servlet.sip.SipServlet}. */
        NOT_A_SIP_SERVLET("a SIP servlet must extend javax.servlet.sip.SipServlet"),
        /** A servlet or listener class of sip.xml that the application's class loader cannot load. */
        CLASS_NOT_FOUND("class not found"),
        /** Servlet names are unique in the WAR (one ServletContext). */
        DUPLICATE_SERVLET_NAME("servlet name used twice"),
        /** {@code applicationName} must name an application of the WAR. */
        UNKNOWN_APPLICATION("applicationName names no SIP application of this WAR"),
        /** {@code @SipApplication.name} is required. */
        APPLICATION_WITHOUT_NAME("@SipApplication without name"),
        /** Ferry: one package declares one application name. */
        DUPLICATE_APPLICATION("two packages declare the same @SipApplication name"),
        /** JSR 289 servlet selection: main servlet and servlet mappings exclude each other. */
        MAIN_SERVLET_WITH_MAPPINGS("main servlet together with servlet-mapping"),
        /** The main servlet must be a servlet of the application. */
        UNKNOWN_MAIN_SERVLET("main servlet names no servlet of the application"),
        /** A servlet-mapping must name a servlet of the application. */
        MAPPING_TO_UNKNOWN_SERVLET("servlet-mapping names no servlet of the application"),
        /** Ferry: with several servlets, an application declares a main servlet or mappings. */
        NO_SERVLET_SELECTION("several servlets, but no main servlet and no servlet-mapping"),
        /** An application has at least one servlet. */
        APPLICATION_WITHOUT_SERVLETS("SIP application without servlets"),
        /** JSR 289 annotations: a {@code @SipListener} implements at least one SIP listener interface. */
        NOT_A_SIP_LISTENER("listener implements no listener interface"),
        /** {@code @SipApplicationKey}: public static String m(SipServletRequest), else deployment MUST fail. */
        INVALID_APPLICATION_KEY("@SipApplicationKey method must be public static String m(SipServletRequest)"),
        /** Ferry: at most one {@code @SipApplicationKey} method per application. */
        DUPLICATE_APPLICATION_KEY("two @SipApplicationKey methods for one application");

        private final String rule;

        Violation(String rule) {
            this.rule = rule;
        }

        /** The rule, in words. */
        public String rule() {
            return rule;
        }
    }

    private final Violation violation;
    private final String subject;

    public SipApplicationModelException(Violation violation, String subject, String detail) {
        super(subject + ": " + violation.rule() + (detail.isEmpty() ? "" : " (" + detail + ")"));
        this.violation = violation;
        this.subject = subject;
    }

    /** The rule broken. */
    public Violation violation() {
        return violation;
    }

    /** The class, method or sip.xml element at fault, e.g. {@code com.example.FooServlet} or {@code sip.xml <servlet-mapping> "proxy"}. */
    public String subject() {
        return subject;
    }
}
