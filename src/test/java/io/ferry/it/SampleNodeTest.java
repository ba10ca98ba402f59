package io.ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.deploy.DarConfiguration;
import io.ferry.runtime.deploy.DarRule;
import io.ferry.runtime.deploy.SipApplicationDefinition;
import io.ferry.runtime.deploy.SipApplicationModel;
import io.ferry.runtime.deploy.SipAppDescriptor;
import io.ferry.runtime.deploy.SipListenerDeclaration;
import io.ferry.runtime.deploy.SipListenerType;
import io.ferry.runtime.deploy.SipRequestRuleContext;
import io.ferry.runtime.deploy.SipServletDeclaration;
import io.ferry.runtime.deploy.SipXmlParser;
import io.ferry.runtime.deploy.ServletSelection;
import io.ferry.sip.Headers;
import io.ferry.sip.SipRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sample SIP application deployments ({@link SampleNode}) are what their ITs assume, checked
 * without a server by Ferry's own deployment code: the JSR 289 application model of the classes
 * each IT puts into its WAR, the DAR of Appendix C naming only those applications, and the
 * mapping sip.xml selecting the servlets SipMappingIT expects.
 */
class SampleNodeTest {

    /** The classes a deployment adds to the WAR, loaded as TestWars copies them (packages with subpackages). */
    private static List<Class<?>> classes(SampleNode node) throws IOException, ClassNotFoundException {
        Path root = Path.of("target", "test-classes");
        List<Class<?>> out = new ArrayList<>();
        for (String pkg : node.packages()) {
            try (Stream<Path> files = Files.walk(root.resolve(pkg.replace('.', '/')))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                    String name = root.relativize(f).toString().replace('\\', '/').replace('/', '.');
                    out.add(Class.forName(name.substring(0, name.length() - ".class".length()), false, SampleNodeTest.class.getClassLoader()));
                }
            }
        }
        return out;
    }

    private static SipApplicationModel model(SampleNode node) throws Exception {
        Optional<SipAppDescriptor> sipXml = node.sipXml().isPresent()
                ? Optional.of(SipXmlParser.parse(Files.readAllBytes(SipAppDeployment.resource(node.sipXml().get()))))
                : Optional.empty();
        return SipApplicationModel.build(classes(node), sipXml, node.app(), SampleNodeTest.class.getClassLoader());
    }

    private static Set<String> names(SipApplicationModel model) {
        return model.applications().stream().map(SipApplicationDefinition::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static SipApplicationDefinition app(SipApplicationModel model, String name) {
        return model.application(name).orElseThrow(() -> new AssertionError("no application " + name + " in " + names(model)));
    }

    private static Set<SipListenerType> listenerTypes(SipApplicationDefinition app) {
        return app.listeners().stream().map(SipListenerDeclaration::types).flatMap(Set::stream)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void jsr289_eachNode_isOneValidModel_withTheApplicationsItsDarNames() throws Exception {
        for (SampleNode node : SampleNode.ALL) {
            SipApplicationModel model = model(node);
            DarConfiguration dar = DarConfiguration.load(SipAppDeployment.resource(node.dar()));
            Set<String> routed = dar.rules().values().stream().flatMap(List::stream).map(DarRule::applicationName)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertTrue(names(model).containsAll(routed), node.app() + ": DAR routes to " + routed + ", WAR has " + names(model));
        }
    }

    @Test
    void jsr289_uasUacInjectionHello_areSingleServletApplicationsWithTheirMainServlet() throws Exception {
        Map<SampleNode, String> expected = Map.of(SampleNode.UAS, "uas", SampleNode.UAC, "uac", SampleNode.INJECTION, "injection",
                SampleNode.HELLO, "hello");
        for (Map.Entry<SampleNode, String> e : expected.entrySet()) {
            SipApplicationModel model = model(e.getKey());
            assertEquals(Set.of(e.getValue()), names(model));
            assertEquals(Optional.of(e.getValue()), app(model, e.getValue()).mainServlet());
        }
    }

    @Test
    void jsr289_sessionsNode_hasTimersWithATimerListener_andListenersWithEverySessionListener() throws Exception {
        SipApplicationModel model = model(SampleNode.SESSIONS);
        assertEquals(Set.of("listeners", "timers"), names(model));
        assertEquals(Set.of(SipListenerType.TIMER), listenerTypes(app(model, "timers")));
        assertEquals(Set.of(SipListenerType.APPLICATION_SESSION, SipListenerType.APPLICATION_SESSION_ATTRIBUTE,
                SipListenerType.SESSION, SipListenerType.SESSION_ATTRIBUTE), listenerTypes(app(model, "listeners")));
    }

    @Test
    void jsr289_appendixC_compositionDar_chainsFirstThenSecond_inTheirRegions() throws Exception {
        assertEquals(Set.of("first", "second"), names(model(SampleNode.COMPOSITION)));
        DarConfiguration dar = DarConfiguration.load(SipAppDeployment.resource(SampleNode.COMPOSITION.dar()));
        for (String method : List.of("OPTIONS", "MESSAGE")) {
            List<DarRule> rules = dar.rulesFor(method);
            assertEquals(List.of("first", "second"), rules.stream().map(DarRule::applicationName).toList());
            assertEquals("ORIGINATING", rules.get(0).region().getType().name());
            assertEquals("TERMINATING", rules.get(1).region().getType().name());
        }
    }

    @Test
    void jsr289_uacDar_routesNothing_soApplicationRequestsLeaveTheNode() throws Exception {
        DarConfiguration dar = DarConfiguration.load(SipAppDeployment.resource(SampleNode.UAC.dar()));
        assertTrue(dar.rulesFor("MESSAGE").isEmpty() && dar.rulesFor("INVITE").isEmpty(), dar.rules().toString());
        DarConfiguration sessions = DarConfiguration.load(SipAppDeployment.resource(SampleNode.SESSIONS.dar()));
        assertTrue(sessions.rulesFor("OPTIONS").isEmpty(), "the timers' OPTIONS must leave the node: " + sessions.rules());
    }

    @Test
    void jsr289_mappingSipXml_declaresThreeServletsOfOneClass_selectedByMappings() throws Exception {
        SipApplicationModel model = model(SampleNode.MAPPING);
        assertEquals(Set.of("mapping"), names(model));
        SipApplicationDefinition mapping = app(model, "mapping");
        assertEquals(List.of("billing", "fallback", "vip"), mapping.servlets().stream().map(SipServletDeclaration::name).toList());
        assertTrue(mapping.servlets().stream().allMatch(s -> s.servletClass().getSimpleName().equals("AnsweringServlet")));
        assertTrue(mapping.selection() instanceof ServletSelection.Mappings m && m.mappings().size() == 3, mapping.selection().toString());
    }

    /** The same cases as SipMappingIT, through Ferry's rule evaluation; "-" is no servlet. */
    @ParameterizedTest(name = "{0} {1} from \"{2}\" -> {3}")
    @CsvSource({
            "MESSAGE, sip:acct@eu.billing.example.com, Bob,           billing",
            "MESSAGE, sip:acct@billing.example.com,    Bob,           billing",
            "MESSAGE, sip:acct@BILLING.Example.COM,    Bob,           billing",
            "MESSAGE, sip:acct@notbilling.example.com, Bob,           fallback",
            "MESSAGE, sip:acct@billing.example.com.evil.example, Bob, fallback",
            "MESSAGE, sip:acct@billing.example.com,    The VIP desk,  billing",
            "MESSAGE, sip:desk@example.com,            The VIP desk,  vip",
            "OPTIONS, sip:desk@example.com,            vip lounge,    vip",
            "OPTIONS, sip:desk@example.com,            Carol,         fallback",
            "OPTIONS, sip:acct@billing.example.com,    Carol,         fallback",
            "INVITE,  sip:desk@example.com,            Carol,         -",
            "OPTIONS, sip:desk@example.com;maddr=192.0.2.1, Carol,    -",
    })
    void jsr289_mappingRules_selectTheServletSipMappingItExpects(String method, String requestUri, String display, String servlet)
            throws Exception {
        ServletSelection.Mappings mappings = (ServletSelection.Mappings) app(model(SampleNode.MAPPING), "mapping").selection();
        SipRequest request = SipRequest.of(method, requestUri, Headers.empty()
                .with("From", "\"" + display + "\" <sip:caller@example.net>;tag=1")
                .with("To", "<" + requestUri + ">"));
        assertEquals(servlet, mappings.select(SipRequestRuleContext.of(request)).orElse("-"));
    }
}
