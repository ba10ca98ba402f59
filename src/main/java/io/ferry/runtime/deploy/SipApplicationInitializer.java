package io.ferry.runtime.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.servlet.ServletContainerInitializer;
import javax.servlet.ServletContext;
import javax.servlet.sip.annotation.SipApplication;
import javax.servlet.sip.annotation.SipApplicationKey;
import javax.servlet.sip.annotation.SipListener;
import javax.servlet.sip.annotation.SipServlet;

/**
 * Finds the SIP applications of a WAR when it deploys (JSR 289 annotations and deployment
 * descriptor): the classes annotated with {@code @SipServlet}, {@code @SipListener},
 * {@code @SipApplicationKey} or {@code @SipApplication}, and {@code WEB-INF/sip.xml}. Builds the
 * {@link SipApplicationModel} and leaves it in the ServletContext attribute {@link #MODEL_ATTRIBUTE}
 * for Ferry's startup, which instantiates and starts the applications.
 *
 * <p>Open Liberty passes the classes with those annotations on the class or on a method
 * ({@code @SipApplicationKey}), but never {@code package-info} classes: the {@code @SipApplication}
 * of a package is found from the package of each class passed in and, for packages without any
 * annotated class (an application whose servlets name it by {@code applicationName} from another
 * package), from the {@code package-info.class} files under {@code WEB-INF/classes}.
 *
 * <p>It is not registered itself: {@code io.ferry.admin.FerryInitializer} is the WAR's one
 * initializer, declares the annotation types ({@code @HandlesTypes}) and calls it first.
 *
 * <p>A descriptor or model error fails the deployment: {@link SipDeploymentException} is unchecked
 * because Liberty ignores (logs) a checked {@code ServletException} from {@code onStartup}.
 */
public final class SipApplicationInitializer implements ServletContainerInitializer {

    /** The ServletContext attribute holding the WAR's {@link SipApplicationModel}. */
    public static final String MODEL_ATTRIBUTE = SipApplicationModel.class.getName();

    /**
     * The context attribute listing the WAR's annotated web components (servlets, filters,
     * listeners): JSR 289 §18 lets them use {@code @Resource SipFactory} too.
     */
    public static final String WEB_COMPONENTS_ATTRIBUTE = "io.ferry.runtime.deploy.webComponents";

    /** Where the descriptor lives (JSR 289 deployment descriptor). */
    public static final String SIP_XML = "/WEB-INF/sip.xml";

    private static final String CLASSES = "/WEB-INF/classes/";
    private static final String PACKAGE_INFO = "package-info";
    private static final String DEFAULT_APP_NAME = "sip-application";
    /** Depth limit of the WEB-INF/classes walk (package nesting). */
    private static final int MAX_PACKAGE_DEPTH = 32;

    private static final System.Logger LOG = System.getLogger(SipApplicationInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> annotated, ServletContext context) {
        ClassLoader loader = context.getClassLoader();
        String war = defaultApplicationName(context.getServletContextName(), context.getContextPath());
        Set<Class<?>> all = annotated == null ? Set.of() : annotated;
        Set<Class<?>> web = new java.util.LinkedHashSet<>();
        Set<Class<?>> sip = new java.util.LinkedHashSet<>();
        for (Class<?> c : all) {
            boolean isWeb = c.isAnnotationPresent(javax.servlet.annotation.WebServlet.class)
                    || c.isAnnotationPresent(javax.servlet.annotation.WebFilter.class)
                    || c.isAnnotationPresent(javax.servlet.annotation.WebListener.class);
            boolean isSip = c.isAnnotationPresent(SipServlet.class) || c.isAnnotationPresent(SipListener.class)
                    || c.isAnnotationPresent(SipApplication.class)
                    || java.util.Arrays.stream(c.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(SipApplicationKey.class));
            if (isWeb) web.add(c);
            if (isSip || !isWeb) sip.add(c);
        }
        context.setAttribute(WEB_COMPONENTS_ATTRIBUTE, Set.copyOf(web));
        SipApplicationModel model;
        try {
            model = build(sip, context::getResourcePaths,
                    () -> context.getResourceAsStream(SIP_XML), war, loader);
        } catch (SipDeploymentException e) {
            // Liberty reports the exception only as an FFDC incident: say it in the log too
            LOG.log(Level.ERROR, "SIP applications cannot be deployed: {0}", e.getMessage());
            throw e;
        }
        context.setAttribute(MODEL_ATTRIBUTE, model);
        if (!model.applications().isEmpty()) {
            LOG.log(Level.INFO, "SIP applications of {0}: {1}", war,
                    model.applications().stream().map(a -> a.name() + " " + a.servlets().stream().map(SipServletDeclaration::name).toList()).toList());
        }
    }

    /** The web components {@link #onStartup} saw (empty when it did not run). */
    @SuppressWarnings("unchecked")
    public static Set<Class<?>> webComponents(ServletContext context) {
        Object o = context.getAttribute(WEB_COMPONENTS_ATTRIBUTE);
        return o instanceof Set<?> set ? (Set<Class<?>>) set : Set.of();
    }

    /** The model left by {@link #onStartup} (absent when the initializer did not run). */
    public static Optional<SipApplicationModel> model(ServletContext context) {
        return context.getAttribute(MODEL_ATTRIBUTE) instanceof SipApplicationModel m ? Optional.of(m) : Optional.empty();
    }

    /** Opens {@code WEB-INF/sip.xml}, or gives null when the WAR has none. */
    @FunctionalInterface
    interface SipXmlSource {
        InputStream open() throws IOException;
    }

    /**
     * Builds the model: the annotated classes, the {@code package-info} classes that carry
     * {@code @SipApplication}, and sip.xml.
     *
     * @param resourcePaths {@code ServletContext.getResourcePaths}
     * @throws SipDeploymentException on a descriptor or model error, naming the WAR
     */
    static SipApplicationModel build(Collection<Class<?>> annotated, Function<String, Set<String>> resourcePaths,
                                     SipXmlSource sipXml, String war, ClassLoader loader) {
        List<Class<?>> classes = new ArrayList<>(annotated);
        classes.addAll(packageInfos(annotated, resourcePaths, loader));
        Optional<SipAppDescriptor> descriptor;
        try (InputStream in = sipXml.open()) {
            descriptor = in == null ? Optional.empty() : Optional.of(SipXmlParser.parse(in));
        } catch (DeploymentDescriptorException e) {
            throw new SipDeploymentException("WAR " + war + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SipDeploymentException("WAR " + war + ": cannot read " + SIP_XML + ": " + e, e);
        }
        descriptor.filter(d -> !d.ignoredElements().isEmpty()).ifPresent(d -> LOG.log(Level.WARNING,
                "{0} of {1}: elements read but not acted on: {2}", SIP_XML, war, d.ignoredElements()));
        try {
            return SipApplicationModel.build(classes, descriptor, war, loader);
        } catch (SipApplicationModelException e) {
            throw new SipDeploymentException("WAR " + war + ": " + e.getMessage(), e);
        }
    }

    /**
     * The {@code package-info} classes annotated with {@code @SipApplication}: of the packages of the
     * annotated classes, and of every package under {@code WEB-INF/classes}. A package-info that
     * cannot be loaded is skipped (it carries no annotation the loader can see).
     */
    static Set<Class<?>> packageInfos(Collection<Class<?>> annotated, Function<String, Set<String>> resourcePaths,
                                      ClassLoader loader) {
        Set<String> packages = new LinkedHashSet<>();
        for (Class<?> c : annotated) {
            if (c.getPackage() != null) packages.add(c.getPackageName());
        }
        collectPackageInfoDirs(CLASSES, resourcePaths, packages, 0);
        Set<Class<?>> out = new LinkedHashSet<>();
        for (String p : packages) {
            if (p.isEmpty()) continue;
            try {
                Class<?> info = Class.forName(p + "." + PACKAGE_INFO, false, loader);
                if (info.getPackage() != null && info.getPackage().isAnnotationPresent(SipApplication.class)) out.add(info);
            } catch (ClassNotFoundException | LinkageError e) {
                // no package-info in that package: nothing declared there
            }
        }
        return out;
    }

    private static void collectPackageInfoDirs(String dir, Function<String, Set<String>> resourcePaths, Set<String> packages, int depth) {
        if (depth > MAX_PACKAGE_DEPTH) return;
        Set<String> entries = resourcePaths.apply(dir);
        if (entries == null) return;
        for (String e : entries) {
            if (e.endsWith("/")) {
                collectPackageInfoDirs(e, resourcePaths, packages, depth + 1);
            } else if (e.endsWith("/" + PACKAGE_INFO + ".class") && e.startsWith(CLASSES)) {
                String path = e.substring(CLASSES.length(), e.length() - (PACKAGE_INFO + ".class").length() - 1);
                packages.add(path.replace('/', '.'));
            }
        }
    }

    /**
     * The name of an application that neither annotations nor sip.xml name: the WAR's display name
     * (Liberty gives the module name when web.xml has none), else its context path.
     */
    static String defaultApplicationName(String servletContextName, String contextPath) {
        if (servletContextName != null && !servletContextName.isBlank()) return servletContextName.strip();
        String path = contextPath == null ? "" : contextPath.replaceAll("^/+", "").replace('/', '.');
        return path.isEmpty() ? DEFAULT_APP_NAME : path;
    }
}
