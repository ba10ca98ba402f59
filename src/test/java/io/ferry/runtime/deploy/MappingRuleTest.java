package io.ferry.runtime.deploy;

import io.ferry.sip.Headers;
import io.ferry.sip.SipRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MappingRuleTest {

    private static RuleVariable v(String name) {
        return RuleVariable.parse(name);
    }

    private static RuleContext ctx(Map<String, String> values) {
        return SipXmlParserTest.ctx(values);
    }

    private static final RuleContext HOST = ctx(Map.of("request.uri.host", "Research.Example.com",
            "request.method", "INVITE", "request.uri.tel", "12125551212", "request.from", "\"Alice\" <sip:alice@example.com>;tag=1234"));

    // ---- operators ----------------------------------------------------------------------------

    @Test
    void jsr289_mappingRules_equal_isCaseSensitiveUnlessIgnoreCase() {
        assertTrue(new MappingRule.Equal(v("request.method"), "INVITE", false).matches(HOST));
        assertFalse(new MappingRule.Equal(v("request.method"), "invite", false).matches(HOST));
        assertTrue(new MappingRule.Equal(v("request.method"), "invite", true).matches(HOST));
        assertFalse(new MappingRule.Equal(v("request.method"), "INVITE2", true).matches(HOST));
    }

    @Test
    void jsr289_mappingRules_contains_isSubstringOptionallyIgnoringCase() {
        assertTrue(new MappingRule.Contains(v("request.from"), "tag=1234", false).matches(HOST));
        assertFalse(new MappingRule.Contains(v("request.from"), "ALICE@", false).matches(HOST));
        assertTrue(new MappingRule.Contains(v("request.from"), "ALICE@", true).matches(HOST));
        assertFalse(new MappingRule.Contains(v("request.from"), "bob", true).matches(HOST));
    }

    @Test
    void jsr289_mappingRules_exists_isTrueOnlyForDefinedVariables() {
        assertTrue(new MappingRule.Exists(v("request.uri.host")).matches(HOST));
        assertFalse(new MappingRule.Exists(v("request.to.display-name")).matches(HOST));
    }

    @Test
    void jsr289_mappingRules_undefinedVariable_makesEveryOperatorFalse_andNotTrue() {
        RuleVariable absent = v("request.uri.user");
        assertFalse(new MappingRule.Equal(absent, "", true).matches(HOST));
        assertFalse(new MappingRule.Contains(absent, "", false).matches(HOST));
        assertFalse(new MappingRule.SubdomainOf(absent, "example.com").matches(HOST));
        assertTrue(new MappingRule.Not(new MappingRule.Exists(absent)).matches(HOST));
    }

    @Test
    void jsr289_mappingRules_andOrNot_combine() {
        MappingRule t = new MappingRule.Exists(v("request.method"));
        MappingRule f = new MappingRule.Exists(v("request.uri.user"));
        assertTrue(new MappingRule.And(List.of(t, t)).matches(HOST));
        assertFalse(new MappingRule.And(List.of(t, f)).matches(HOST));
        assertTrue(new MappingRule.Or(List.of(f, t)).matches(HOST));
        assertFalse(new MappingRule.Or(List.of(f, f)).matches(HOST));
        assertFalse(new MappingRule.Not(t).matches(HOST));
        assertTrue(new MappingRule.Not(f).matches(HOST));
        assertThrows(IllegalArgumentException.class, () -> new MappingRule.And(List.of()));
    }

    @ParameterizedTest(name = "{0} subdomain-of {1} = {2}")
    @CsvSource({
            "example.com, example.com, true",
            "research.example.com, example.com, true",
            "Research.EXAMPLE.com, example.COM, true",
            "a.b.example.com, example.com, true",
            "example.com., example.com, true",
            "badexample.com, example.com, false",
            "example.com, research.example.com, false",
            "example.org, example.com, false",
            "192.168.0.1, 192.168.0.1, true",
            "10.192.168.0.1, 192.168.0.1, false",
            "1.192.168.0.1, 168.0.1, false",
            "[2001:db8::1], [2001:db8::1], true",
    })
    void jsr289_mappingRules_subdomainOf_domains_dnsSuffix_ipExactOnly(String host, String domain, boolean expected) {
        RuleContext c = ctx(Map.of("request.uri.host", host));
        assertEquals(expected, new MappingRule.SubdomainOf(v("request.uri.host"), domain).matches(c));
    }

    @ParameterizedTest(name = "tel {0} subdomain-of {1} = {2}")
    @CsvSource({
            "12125551212, 1212555, true",
            "12125551212, 1 212 555, true",
            "12125551212, +1-212-555, true",
            "12125551212, 12125551212, true",
            "12125551212, 1213, false",
            "12125551212, 121255512120, false",
    })
    void jsr289_mappingRules_subdomainOf_telVariables_matchByNumberPrefix(String tel, String prefix, boolean expected) {
        RuleContext c = ctx(Map.of("request.uri.tel", tel, "request.from.uri.tel", tel));
        assertEquals(expected, new MappingRule.SubdomainOf(v("request.uri.tel"), prefix).matches(c));
        assertEquals(expected, new MappingRule.SubdomainOf(v("request.from.uri.tel"), prefix).matches(c));
    }

    // ---- variables over a real request ---------------------------------------------------------

    /** The request of the JSR 289 mapping rules example: MESSAGE from Alice to Bob. */
    private static SipRequest aliceToBob() {
        Headers h = Headers.empty()
                .with("Via", "SIP/2.0/UDP client.example.com;branch=z9hG4bK776asdhds")
                .with("From", "\"Alice\" <sip:alice@example.com>;tag=1234")
                .with("To", "sip:bob@example.com")
                .with("Call-ID", "a84b4c76e66710")
                .with("CSeq", "1 MESSAGE");
        return SipRequest.of("MESSAGE", "sip:bob@example.com", h);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(nullValues = "ABSENT", value = {
            "request.method, MESSAGE",
            "request.uri, sip:bob@example.com",
            "request.uri.scheme, sip",
            "request.uri.user, bob",
            "request.uri.host, example.com",
            "request.uri.port, 5060",
            "request.uri.tel, ABSENT",
            "request.uri.param.transport, ABSENT",
            "request.from, '\"Alice\" <sip:alice@example.com>;tag=1234'",
            "request.from.uri, sip:alice@example.com",
            "request.from.uri.scheme, sip",
            "request.from.uri.user, alice",
            "request.from.uri.host, example.com",
            "request.from.uri.port, 5060",
            "request.from.display-name, Alice",
            "request.to, sip:bob@example.com",
            "request.to.uri, sip:bob@example.com",
            "request.to.uri.scheme, sip",
            "request.to.uri.user, bob",
            "request.to.uri.host, example.com",
            "request.to.uri.port, 5060",
            "request.to.display-name, ABSENT",
    })
    void jsr289_mappingRules_variables_ofTheSpecExampleRequest(String variable, String expected) {
        RuleContext c = SipRequestRuleContext.of(aliceToBob());
        assertEquals(Optional.ofNullable(expected), c.value(v(variable)));
    }

    @Test
    void jsr289_mappingRules_specExample_andOfMethodContainsHost_isFalseForOtherHost() {
        RuleContext c = SipRequestRuleContext.of(aliceToBob());
        MappingRule rule = new MappingRule.And(List.of(
                new MappingRule.Equal(v("request.method"), "MESSAGE", false),
                new MappingRule.Contains(v("request.from"), "tag=1234", false),
                new MappingRule.Equal(v("request.uri.host"), "otherexample.com", false)));
        assertFalse(rule.matches(c));
        MappingRule sameHost = new MappingRule.And(List.of(
                new MappingRule.Equal(v("request.method"), "MESSAGE", false),
                new MappingRule.Contains(v("request.from"), "tag=1234", false),
                new MappingRule.Equal(v("request.uri.host"), "example.com", false)));
        assertTrue(sameHost.matches(c));
    }

    @Test
    void jsr289_mappingRules_sipsPort_defaultsTo5061_explicitPortIsKept() {
        SipRequest r = SipRequest.of("INVITE", "sips:bob@example.com", aliceToBob().headers()
                .with("To", "<sip:bob@example.com:5080;transport=tcp>"));
        RuleContext c = SipRequestRuleContext.of(r);
        assertEquals(Optional.of("5061"), c.value(v("request.uri.port")));
        assertEquals(Optional.of("sips"), c.value(v("request.uri.scheme")));
        assertEquals(Optional.of("5080"), c.value(v("request.to.uri.port")));
        assertEquals(Optional.of("tcp"), c.value(v("request.to.uri.param.transport")));
    }

    @Test
    void jsr289_mappingRules_tel_ofSipUriWithUserPhone_isTheNumberWithoutSeparators() {
        SipRequest r = SipRequest.of("INVITE", "sip:+1-212-555-1212;postd=pp22@gw.example.com;user=phone", aliceToBob().headers());
        RuleContext c = SipRequestRuleContext.of(r);
        assertEquals(Optional.of("12125551212"), c.value(v("request.uri.tel")));
        assertEquals(Optional.of("phone"), c.value(v("request.uri.param.user")));
        assertTrue(new MappingRule.SubdomainOf(v("request.uri.tel"), "1212555").matches(c));
        RuleContext plain = SipRequestRuleContext.of(SipRequest.of("INVITE", "sip:12125551212@gw.example.com", aliceToBob().headers()));
        assertEquals(Optional.empty(), plain.value(v("request.uri.tel")));
    }

    @Test
    void jsr289_mappingRules_telUrl_definesSchemeTelAndParams_notHostOrUser() {
        SipRequest r = SipRequest.of("INVITE", "tel:+1-212-555-1212;phone-context=example.com",
                aliceToBob().headers().with("To", "<tel:+1-212-555-1212>"));
        RuleContext c = SipRequestRuleContext.of(r);
        assertEquals(Optional.of("tel"), c.value(v("request.uri.scheme")));
        assertEquals(Optional.of("12125551212"), c.value(v("request.uri.tel")));
        assertEquals(Optional.of("example.com"), c.value(v("request.uri.param.phone-context")));
        assertEquals(Optional.empty(), c.value(v("request.uri.host")));
        assertEquals(Optional.empty(), c.value(v("request.uri.user")));
        assertEquals(Optional.of("12125551212"), c.value(v("request.to.uri.tel")));
    }

    @Test
    void jsr289_mappingRules_flagParam_existsWithEmptyValue() {
        RuleContext c = SipRequestRuleContext.of(SipRequest.of("INVITE", "sip:bob@example.com;lr", aliceToBob().headers()));
        assertEquals(Optional.of(""), c.value(v("request.uri.param.lr")));
        assertTrue(new MappingRule.Exists(v("request.uri.param.lr")).matches(c));
    }

    @ParameterizedTest
    @CsvSource({"request.via", "request.uri.password", "request.from.tag", "request.to.uri.param.", "request.methods", "response.status", "''"})
    void jsr289_mappingRules_variablesOutsideTheObjectModel_areRefused(String name) {
        assertThrows(IllegalArgumentException.class, () -> RuleVariable.parse(name));
    }

    @Test
    void jsr289_mappingRules_variableNames_parseIntoTheObjectModel() {
        RuleVariable p = v("request.from.uri.param.Transport");
        assertEquals(RuleVariable.Subject.FROM, p.subject());
        assertEquals(RuleVariable.Part.URI_PARAM, p.part());
        assertEquals("Transport", p.param());
        assertEquals(RuleVariable.Part.DISPLAY_NAME, v("request.to.display-name").part());
        assertEquals(RuleVariable.Part.WHOLE, v("request.to").part());
        assertEquals(RuleVariable.Part.URI, v("request.uri").part());
    }
}
