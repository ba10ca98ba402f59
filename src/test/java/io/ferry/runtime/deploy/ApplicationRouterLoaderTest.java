package io.ferry.runtime.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApplicationRouterLoaderTest {

    private static final String SERVICE = "META-INF/services/javax.servlet.sip.ar.spi.SipApplicationRouterProvider";

    private static ClassLoader testLoader() {
        return ApplicationRouterLoaderTest.class.getClassLoader();
    }

    /** The test class loader without any provider registration. */
    private static ClassLoader withoutProviders() {
        return new ClassLoader(testLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.equals(SERVICE) ? Collections.emptyEnumeration() : super.getResources(name);
            }
        };
    }

    private static DarConfiguration unused() throws DarConfigurationException {
        throw new DarConfigurationException(-1, "the DAR must not be read when a custom router is chosen");
    }

    @Test
    void jsr289_routerProvider_serviceLoader_firstProviderWithARouter_wins() throws Exception {
        ApplicationRouterLoader.Selection s = ApplicationRouterLoader.load(testLoader(), Optional.empty(),
                ApplicationRouterLoaderTest::unused);
        assertEquals(ApplicationRouterLoader.Source.SERVICE_LOADER, s.source());
        assertInstanceOf(FakeRouterProvider.FakeRouter.class, s.router());
        assertEquals(Optional.of(FakeRouterProvider.class.getName()), s.providerClass());
        assertEquals(List.of(FakeRouterProvider.Empty.class.getName(), FakeRouterProvider.Second.class.getName()),
                s.ignoredProviders());
    }

    @Test
    void jsr289_routerProvider_namedProvider_overridesClassPathOrder() throws Exception {
        ApplicationRouterLoader.Selection s = ApplicationRouterLoader.load(withoutProviders(),
                Optional.of(FakeRouterProvider.Second.class.getName()), ApplicationRouterLoaderTest::unused);
        assertEquals(ApplicationRouterLoader.Source.NAMED_PROVIDER, s.source());
        assertEquals(Optional.of(FakeRouterProvider.Second.class.getName()), s.providerClass());
    }

    @Test
    void jsr289_routerProvider_namedProviderThatCannotBeUsed_failsInsteadOfFallingBack() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> ApplicationRouterLoader.load(
                testLoader(), Optional.of("com.example.NoSuchProvider"), ApplicationRouterLoaderTest::unused));
        assertTrue(missing.getMessage().contains("com.example.NoSuchProvider"), missing.getMessage());
        IllegalStateException notProvider = assertThrows(IllegalStateException.class, () -> ApplicationRouterLoader.load(
                testLoader(), Optional.of(String.class.getName()), ApplicationRouterLoaderTest::unused));
        assertTrue(notProvider.getMessage().contains("does not extend"), notProvider.getMessage());
        IllegalStateException noRouter = assertThrows(IllegalStateException.class, () -> ApplicationRouterLoader.load(
                testLoader(), Optional.of(FakeRouterProvider.Empty.class.getName()), ApplicationRouterLoaderTest::unused));
        assertTrue(noRouter.getMessage().contains("returned no router"), noRouter.getMessage());
    }

    @Test
    void jsr289_appC_noProvider_fallsBackToTheDefaultApplicationRouter() throws Exception {
        DarConfiguration dar = DarConfiguration.parse("OPTIONS: (\"uas\", \"DAR:To\", \"NEUTRAL\", \"\", \"NO_ROUTE\", \"0\")");
        ApplicationRouterLoader.Selection s = ApplicationRouterLoader.load(withoutProviders(), Optional.empty(), () -> dar);
        assertEquals(ApplicationRouterLoader.Source.DEFAULT_APPLICATION_ROUTER, s.source());
        DefaultApplicationRouter r = assertInstanceOf(DefaultApplicationRouter.class, s.router());
        assertEquals(dar.rules(), r.configuration().rules());
        assertTrue(s.providerClass().isEmpty());
    }

    @Test
    void jsr289_appC_badDarConfiguration_failsTheLoad() {
        DarConfigurationException e = assertThrows(DarConfigurationException.class, () -> ApplicationRouterLoader.load(
                withoutProviders(), Optional.of(" "), () -> DarConfiguration.parse("\nINVITE: (\"a\")")));
        assertEquals(2, e.line());
    }
}
