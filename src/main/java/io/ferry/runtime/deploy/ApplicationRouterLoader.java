package io.ferry.runtime.deploy;

import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.spi.SipApplicationRouterProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Chooses the application router (JSR 289 application router packaging, and the {@code SipApplicationRouterProvider}
 * javadoc). The rule, first match wins:
 * <ol>
 *   <li>A provider class named by the deployer (the value of the system property
 *       {@value #PROVIDER_PROPERTY}, passed in by the caller) is loaded and must work: a missing
 *       or broken class fails the deployment rather than silently routing with another router.</li>
 *   <li>Otherwise the first {@link SipApplicationRouterProvider} that {@link ServiceLoader} finds
 *       through {@code META-INF/services/javax.servlet.sip.ar.spi.SipApplicationRouterProvider}
 *       in the given class loader (class-path order) and that returns a router. Others are
 *       reported in {@link Selection#ignoredProviders()} so the caller can log them.</li>
 *   <li>Otherwise the {@link DefaultApplicationRouter}, with the DAR configuration the caller
 *       supplies (only read in this case).</li>
 * </ol>
 */
public final class ApplicationRouterLoader {

    /** The system property that forces a provider (JSR 289, {@code SipApplicationRouterProvider} javadoc). */
    public static final String PROVIDER_PROPERTY = "javax.servlet.sip.ar.spi.SipApplicationRouterProvider";

    /** Where the router came from. */
    public enum Source { NAMED_PROVIDER, SERVICE_LOADER, DEFAULT_APPLICATION_ROUTER }

    /** The chosen router, where it came from, its provider class (if any), and providers passed over. */
    public record Selection(SipApplicationRouter router, Source source, Optional<String> providerClass,
                            List<String> ignoredProviders) {
        public Selection {
            if (router == null || source == null) throw new IllegalArgumentException("incomplete selection");
            providerClass = providerClass == null ? Optional.empty() : providerClass;
            ignoredProviders = List.copyOf(ignoredProviders);
        }
    }

    /** Supplies the DAR configuration when the default router is chosen. */
    @FunctionalInterface
    public interface DarSource {
        DarConfiguration load() throws DarConfigurationException;
    }

    private ApplicationRouterLoader() {
    }

    /**
     * Chooses the router by the rule above.
     *
     * @param classLoader   where providers are looked up (the application's class loader)
     * @param namedProvider the value of {@value #PROVIDER_PROPERTY}, if set
     * @param dar           the DAR configuration, read only when the default router is chosen
     * @throws IllegalStateException      when the named provider cannot be used, or a provider
     *                                    listed in META-INF/services cannot be loaded
     * @throws DarConfigurationException  when the DAR configuration is bad
     */
    public static Selection load(ClassLoader classLoader, Optional<String> namedProvider, DarSource dar)
            throws DarConfigurationException {
        if (namedProvider.isPresent() && !namedProvider.get().isBlank()) {
            String name = namedProvider.get().strip();
            SipApplicationRouterProvider p = instantiate(classLoader, name);
            SipApplicationRouter r = p.getSipApplicationRouter();
            if (r == null) throw new IllegalStateException("provider " + name + " (" + PROVIDER_PROPERTY + ") returned no router");
            return new Selection(r, Source.NAMED_PROVIDER, Optional.of(name), List.of());
        }

        SipApplicationRouter chosen = null;
        String chosenClass = null;
        List<String> ignored = new ArrayList<>();
        Iterator<SipApplicationRouterProvider> it = ServiceLoader.load(SipApplicationRouterProvider.class, classLoader).iterator();
        try {
            while (it.hasNext()) {
                SipApplicationRouterProvider p = it.next();
                String cls = p.getClass().getName();
                if (chosen == null) {
                    SipApplicationRouter r = p.getSipApplicationRouter();
                    if (r != null) {
                        chosen = r;
                        chosenClass = cls;
                        continue;
                    }
                }
                ignored.add(cls);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot load an application router provider: " + e.getMessage(), e);
        }
        if (chosen != null) return new Selection(chosen, Source.SERVICE_LOADER, Optional.of(chosenClass), ignored);

        return new Selection(new DefaultApplicationRouter(dar.load()), Source.DEFAULT_APPLICATION_ROUTER, Optional.empty(), ignored);
    }

    private static SipApplicationRouterProvider instantiate(ClassLoader cl, String name) {
        try {
            Class<?> c = Class.forName(name, true, cl);
            if (!SipApplicationRouterProvider.class.isAssignableFrom(c)) {
                throw new IllegalStateException(name + " (" + PROVIDER_PROPERTY + ") does not extend SipApplicationRouterProvider");
            }
            return (SipApplicationRouterProvider) c.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot instantiate " + name + " (" + PROVIDER_PROPERTY + "): " + e, e);
        }
    }
}
