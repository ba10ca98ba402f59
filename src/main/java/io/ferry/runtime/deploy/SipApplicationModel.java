package io.ferry.runtime.deploy;

import io.ferry.runtime.deploy.SipApplicationModelException.Violation;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.annotation.SipApplication;
import javax.servlet.sip.annotation.SipApplicationKey;
import javax.servlet.sip.annotation.SipListener;
import javax.servlet.sip.annotation.SipServlet;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EventListener;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The SIP applications of one WAR, as the container deploys them (JSR 289 annotations and
 * deployment descriptor, combined). Immutable; built once at deployment by {@link #build}, which
 * is pure: classes and a parsed sip.xml in, model or {@link SipApplicationModelException} out.
 *
 * <p>Which application a class belongs to:
 * <ol>
 *   <li>{@code applicationName} of its {@code @SipServlet}/{@code @SipListener}/{@code @SipApplicationKey},
 *       which must name an application declared by a {@code @SipApplication} package or by sip.xml's
 *       {@code app-name};</li>
 *   <li>else the {@code @SipApplication} of its package;</li>
 *   <li>else the <em>default application</em>: sip.xml's, when there is a sip.xml; else the only
 *       {@code @SipApplication}, when there is exactly one; else an application named after the WAR.</li>
 * </ol>
 * sip.xml describes one application: the one named by its {@code app-name}; without an
 * {@code app-name}, the only {@code @SipApplication} if there is exactly one, else the WAR's
 * default name.
 *
 * @param applications the applications, sorted by name; empty for a WAR without SIP content
 */
public record SipApplicationModel(List<SipApplicationDefinition> applications) {

    /** JSR 289 default application session timeout, in minutes ({@code @SipApplication.sessionTimeout}). */
    public static final int DEFAULT_SESSION_TIMEOUT = 3;
    /** JSR 289 default proxy timeout, in seconds ({@code @SipApplication.proxyTimeout}). */
    public static final int DEFAULT_PROXY_TIMEOUT = 180;

    private static final String PACKAGE_INFO = "package-info";

    public SipApplicationModel {
        applications = List.copyOf(applications);
    }

    /** The application named {@code name}. */
    public Optional<SipApplicationDefinition> application(String name) {
        for (SipApplicationDefinition a : applications) if (a.name().equals(name)) return Optional.of(a);
        return Optional.empty();
    }

    /**
     * Builds the model of a WAR.
     *
     * @param annotatedClasses the classes the container found with {@code @SipServlet}, {@code @SipListener},
     *                         {@code @SipApplicationKey} or {@code @SipApplication} (package-info classes);
     *                         other classes are ignored
     * @param sipXml           the parsed {@code WEB-INF/sip.xml}, if the WAR has one
     * @param defaultAppName   the name for an application that neither annotations nor sip.xml name
     *                         (the WAR's module name)
     * @param classLoader      loads sip.xml's servlet and listener classes (without initialising them)
     * @throws SipApplicationModelException when a JSR 289 deployment rule is broken
     */
    public static SipApplicationModel build(Collection<Class<?>> annotatedClasses, Optional<SipAppDescriptor> sipXml,
                                            String defaultAppName, ClassLoader classLoader)
            throws SipApplicationModelException {
        if (defaultAppName == null || defaultAppName.isEmpty()) throw new IllegalArgumentException("empty default application name");
        return new Builder(sipXml, defaultAppName, classLoader).build(annotatedClasses);
    }

    /** One application being assembled. */
    private static final class Draft {
        final String name;
        Optional<SipApplication> annotation = Optional.empty();
        Optional<String> annotationPackage = Optional.empty();
        final Map<String, SipServletDeclaration> servlets = new TreeMap<>();
        final Map<Class<?>, SipListenerDeclaration> sipXmlListeners = new LinkedHashMap<>();
        final Map<String, SipListenerDeclaration> annotatedListeners = new TreeMap<>();
        Optional<Method> applicationKey = Optional.empty();

        Draft(String name) {
            this.name = name;
        }
    }

    private static final class Builder {
        private final Optional<SipAppDescriptor> sipXml;
        private final String defaultAppName;
        private final ClassLoader classLoader;
        private final Map<String, Draft> drafts = new TreeMap<>();
        /** Servlet name → application, WAR-wide. */
        private final Map<String, String> servletOwners = new HashMap<>();
        private String sipXmlApp;
        private String defaultApp;

        Builder(Optional<SipAppDescriptor> sipXml, String defaultAppName, ClassLoader classLoader) {
            this.sipXml = sipXml;
            this.defaultAppName = defaultAppName;
            this.classLoader = classLoader;
        }

        SipApplicationModel build(Collection<Class<?>> annotatedClasses) throws SipApplicationModelException {
            List<Class<?>> classes = new ArrayList<>(new LinkedHashSet<>(annotatedClasses));
            classes.sort(Comparator.comparing(Class::getName));
            declareApplications(classes);
            chooseDefaults();
            for (Class<?> c : classes) addAnnotatedServlet(c);
            if (sipXml.isPresent()) addSipXmlServletsAndListeners(sipXml.get());
            for (Class<?> c : classes) addAnnotatedListener(c);
            for (Class<?> c : classes) addApplicationKeys(c);
            List<SipApplicationDefinition> out = new ArrayList<>();
            for (Draft d : drafts.values()) out.add(finish(d));
            return new SipApplicationModel(out);
        }

        /** Every {@code @SipApplication} package of the classes (sip.xml's application is added by chooseDefaults). */
        private void declareApplications(List<Class<?>> classes) throws SipApplicationModelException {
            for (Class<?> c : classes) {
                Package p = c.getPackage();
                if (p == null) continue;
                SipApplication a = p.getAnnotation(SipApplication.class);
                if (a == null) continue;
                if (a.name().isEmpty()) throw new SipApplicationModelException(Violation.APPLICATION_WITHOUT_NAME, "package " + p.getName(), "");
                Draft d = drafts.computeIfAbsent(a.name(), Draft::new);
                if (d.annotationPackage.isPresent() && !d.annotationPackage.get().equals(p.getName()))
                    throw new SipApplicationModelException(Violation.DUPLICATE_APPLICATION, "package " + p.getName(),
                            "\"" + a.name() + "\" is also declared by package " + d.annotationPackage.get());
                d.annotation = Optional.of(a);
                d.annotationPackage = Optional.of(p.getName());
            }
        }

        private void chooseDefaults() {
            int annotated = drafts.size();
            String onlyAnnotated = annotated == 1 ? drafts.keySet().iterator().next() : null;
            if (sipXml.isPresent()) {
                sipXmlApp = sipXml.get().appName().orElse(onlyAnnotated != null ? onlyAnnotated : defaultAppName);
                drafts.computeIfAbsent(sipXmlApp, Draft::new);
                defaultApp = sipXmlApp;
            } else {
                defaultApp = onlyAnnotated != null ? onlyAnnotated : defaultAppName;
            }
        }

        /** The application of an annotated element: explicit name, else package, else default. */
        private Draft applicationOf(Class<?> c, String applicationName, String subject) throws SipApplicationModelException {
            if (!applicationName.isEmpty()) {
                Draft d = drafts.get(applicationName);
                if (d == null) throw new SipApplicationModelException(Violation.UNKNOWN_APPLICATION, subject,
                        "\"" + applicationName + "\"; declared: " + drafts.keySet());
                return d;
            }
            Package p = c.getPackage();
            SipApplication a = p == null ? null : p.getAnnotation(SipApplication.class);
            return drafts.computeIfAbsent(a != null ? a.name() : defaultApp, Draft::new);
        }

        private void addAnnotatedServlet(Class<?> c) throws SipApplicationModelException {
            SipServlet s = c.getAnnotation(SipServlet.class);
            if (s == null || c.getSimpleName().equals(PACKAGE_INFO)) return;
            // An abstract base class carrying the (inherited) annotation is not a servlet itself.
            if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) return;
            if (!javax.servlet.sip.SipServlet.class.isAssignableFrom(c))
                throw new SipApplicationModelException(Violation.NOT_A_SIP_SERVLET, c.getName(), "extends " + c.getSuperclass().getName());
            String name = s.name().isEmpty() ? c.getSimpleName() : s.name();
            Draft d = applicationOf(c, s.applicationName(), c.getName());
            claimServletName(name, d.name, c.getName());
            d.servlets.put(name, new SipServletDeclaration(name, c.asSubclass(javax.servlet.sip.SipServlet.class),
                    OptionalInt.of(s.loadOnStartup()), nonEmpty(s.description()), Map.of()));
        }

        private void claimServletName(String name, String app, String subject) throws SipApplicationModelException {
            String owner = servletOwners.putIfAbsent(name, app);
            if (owner != null) throw new SipApplicationModelException(Violation.DUPLICATE_SERVLET_NAME, subject,
                    "\"" + name + "\" already declared in application \"" + owner + "\"");
        }

        private void addSipXmlServletsAndListeners(SipAppDescriptor x) throws SipApplicationModelException {
            Draft d = drafts.get(sipXmlApp);
            for (ServletDefinition def : x.servlets()) {
                String subject = "sip.xml <servlet> \"" + def.name() + "\"";
                Class<?> c = load(def.servletClass(), subject);
                if (!javax.servlet.sip.SipServlet.class.isAssignableFrom(c))
                    throw new SipApplicationModelException(Violation.NOT_A_SIP_SERVLET, subject, def.servletClass());
                SipServletDeclaration annotated = d.servlets.get(def.name());
                if (annotated == null) {
                    claimServletName(def.name(), d.name, subject);
                } else if (!servletOwners.get(def.name()).equals(d.name)) {
                    throw new SipApplicationModelException(Violation.DUPLICATE_SERVLET_NAME, subject,
                            "already declared in application \"" + servletOwners.get(def.name()) + "\"");
                }
                // sip.xml wins for what it declares; the annotation fills the rest.
                OptionalInt load = def.loadOnStartup().isPresent() ? def.loadOnStartup()
                        : annotated == null ? OptionalInt.empty() : annotated.loadOnStartup();
                Optional<String> description = def.displayName().isPresent() ? def.displayName()
                        : annotated == null ? Optional.empty() : annotated.description();
                d.servlets.put(def.name(), new SipServletDeclaration(def.name(),
                        c.asSubclass(javax.servlet.sip.SipServlet.class), load, description, def.initParams()));
            }
            for (String listenerClass : x.listeners()) {
                String subject = "sip.xml <listener> " + listenerClass;
                Class<?> c = load(listenerClass, subject);
                if (!EventListener.class.isAssignableFrom(c))
                    throw new SipApplicationModelException(Violation.NOT_A_SIP_LISTENER, subject, "not a java.util.EventListener");
                d.sipXmlListeners.putIfAbsent(c, new SipListenerDeclaration(c, SipListenerType.of(c), Optional.empty()));
            }
        }

        private Class<?> load(String className, String subject) throws SipApplicationModelException {
            try {
                return Class.forName(className, false, classLoader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new SipApplicationModelException(Violation.CLASS_NOT_FOUND, subject, className);
            }
        }

        private void addAnnotatedListener(Class<?> c) throws SipApplicationModelException {
            SipListener l = c.getAnnotation(SipListener.class);
            if (l == null || c.isInterface() || Modifier.isAbstract(c.getModifiers())) return;
            var types = SipListenerType.of(c);
            if (types.isEmpty()) throw new SipApplicationModelException(Violation.NOT_A_SIP_LISTENER, c.getName(),
                    "implements none of " + Arrays.stream(SipListenerType.values()).map(t -> t.type().getSimpleName()).toList());
            Draft d = applicationOf(c, l.applicationName(), c.getName());
            if (d.sipXmlListeners.containsKey(c)) {
                d.sipXmlListeners.put(c, new SipListenerDeclaration(c, types, nonEmpty(l.description())));
            } else {
                d.annotatedListeners.put(c.getName(), new SipListenerDeclaration(c, types, nonEmpty(l.description())));
            }
        }

        private void addApplicationKeys(Class<?> c) throws SipApplicationModelException {
            for (Method m : c.getDeclaredMethods()) {
                SipApplicationKey k = m.getAnnotation(SipApplicationKey.class);
                if (k == null) continue;
                String subject = c.getName() + "." + m.getName();
                int mod = m.getModifiers();
                // @SipApplicationKey javadoc: public, static, returns String, one SipServletRequest, else deployment MUST fail
                if (!Modifier.isPublic(mod) || !Modifier.isStatic(mod) || m.getReturnType() != String.class
                        || m.getParameterCount() != 1 || m.getParameterTypes()[0] != SipServletRequest.class)
                    throw new SipApplicationModelException(Violation.INVALID_APPLICATION_KEY, subject, m.toGenericString());
                SipServlet s = c.getAnnotation(SipServlet.class);
                SipListener l = c.getAnnotation(SipListener.class);
                String app = !k.applicationName().isEmpty() ? k.applicationName()
                        : s != null ? s.applicationName() : l != null ? l.applicationName() : "";
                Draft d = applicationOf(c, app, subject);
                if (d.applicationKey.isPresent())
                    throw new SipApplicationModelException(Violation.DUPLICATE_APPLICATION_KEY, subject,
                            "application \"" + d.name + "\" already has " + d.applicationKey.get().getDeclaringClass().getName()
                                    + "." + d.applicationKey.get().getName());
                d.applicationKey = Optional.of(m);
            }
        }

        private SipApplicationDefinition finish(Draft d) throws SipApplicationModelException {
            boolean fromSipXml = d.name.equals(sipXmlApp);
            Optional<SipAppDescriptor> x = fromSipXml ? sipXml : Optional.empty();
            Optional<SipApplication> a = d.annotation;
            String subject = "SIP application \"" + d.name + "\"";
            if (d.servlets.isEmpty()) throw new SipApplicationModelException(Violation.APPLICATION_WITHOUT_SERVLETS, subject, "");
            ServletSelection declared = x.map(SipAppDescriptor::servletSelection).orElse(new ServletSelection.Unspecified());
            Optional<String> annotatedMain = a.flatMap(an -> nonEmpty(an.mainServlet()));
            ServletSelection selection;
            if (declared instanceof ServletSelection.Mappings mappings) {
                // JSR 289 servlet selection: main servlet and servlet mappings exclude each other,
                // also when one comes from @SipApplication and the other from sip.xml.
                if (annotatedMain.isPresent()) throw new SipApplicationModelException(Violation.MAIN_SERVLET_WITH_MAPPINGS,
                        "package " + d.annotationPackage.orElse("?") + " @SipApplication(mainServlet)",
                        "sip.xml of \"" + d.name + "\" has servlet-mapping");
                for (ServletMapping m : mappings.mappings())
                    if (!d.servlets.containsKey(m.servletName()))
                        throw new SipApplicationModelException(Violation.MAPPING_TO_UNKNOWN_SERVLET,
                                "sip.xml <servlet-mapping> \"" + m.servletName() + "\"", "servlets: " + d.servlets.keySet());
                selection = mappings;
            } else if (declared instanceof ServletSelection.MainServlet main) {
                selection = checkMain(d, main.servletName(), "sip.xml <main-servlet> \"" + main.servletName() + "\"");
            } else if (annotatedMain.isPresent()) {
                selection = checkMain(d, annotatedMain.get(), "package " + d.annotationPackage.orElse("?")
                        + " @SipApplication(mainServlet = \"" + annotatedMain.get() + "\")");
            } else if (d.servlets.size() == 1) {
                // JSR 289 servlet selection: a single servlet needs no main-servlet declaration.
                selection = new ServletSelection.MainServlet(d.servlets.keySet().iterator().next());
            } else {
                throw new SipApplicationModelException(Violation.NO_SERVLET_SELECTION, subject, "servlets: " + d.servlets.keySet());
            }
            List<SipListenerDeclaration> listeners = new ArrayList<>(d.sipXmlListeners.values());
            listeners.addAll(d.annotatedListeners.values());
            // @SipApplication.displayName defaults to the application name
            String displayName = x.flatMap(SipAppDescriptor::displayName).or(() -> a.flatMap(an -> nonEmpty(an.displayName())))
                    .orElse(d.name);
            Optional<String> description = x.flatMap(SipAppDescriptor::description).or(() -> a.flatMap(an -> nonEmpty(an.description())));
            boolean distributable = x.map(SipAppDescriptor::distributable).orElse(false) || a.map(SipApplication::distributable).orElse(false);
            OptionalInt xmlTimeout = x.map(SipAppDescriptor::sessionTimeout).orElse(OptionalInt.empty());
            int sessionTimeout = xmlTimeout.isPresent() ? xmlTimeout.getAsInt()
                    : a.map(SipApplication::sessionTimeout).orElse(DEFAULT_SESSION_TIMEOUT);
            OptionalInt xmlProxy = x.flatMap(SipAppDescriptor::proxyConfig).map(SipAppDescriptor.ProxyConfig::proxyTimeout)
                    .orElse(OptionalInt.empty());
            int proxyTimeout = xmlProxy.isPresent() ? xmlProxy.getAsInt() : a.map(SipApplication::proxyTimeout).orElse(DEFAULT_PROXY_TIMEOUT);
            Map<String, String> contextParams = x.map(SipAppDescriptor::contextParams).orElse(Map.of());
            return new SipApplicationDefinition(d.name, displayName, description, distributable, sessionTimeout, proxyTimeout,
                    List.copyOf(d.servlets.values()), selection, listeners, d.applicationKey, contextParams);
        }

        private static ServletSelection checkMain(Draft d, String name, String subject) throws SipApplicationModelException {
            if (!d.servlets.containsKey(name))
                throw new SipApplicationModelException(Violation.UNKNOWN_MAIN_SERVLET, subject, "servlets: " + d.servlets.keySet());
            return new ServletSelection.MainServlet(name);
        }
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
