package io.ferry.runtime.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Fixtures;
import io.ferry.sip.HeaderField;
import io.ferry.sip.SipLimits;
import io.ferry.sip.SipMessage;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipParser;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipSerializer;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import javax.servlet.sip.Address;
import javax.servlet.sip.Parameterable;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipServletMessage.HeaderForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageEditsTest {

    private static final String MESSAGE = "jsr289/messages/message-latin1";
    private static final String REGISTER = "jsr289/messages/register";

    private static SipMessage parse(byte[] bytes) {
        try {
            return new SipParser().parse(bytes);
        } catch (SipParseException e) {
            throw new AssertionError(e);
        }
    }

    private static SipMessage parse(String text) {
        return parse(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static MessageEdits edits(String fixture) {
        return new MessageEdits(parse(Fixtures.sip(fixture)));
    }

    private static byte[] wire(MessageEdits m) {
        return new SipSerializer().toBytes(m.toMessage());
    }

    private static String wireText(MessageEdits m) {
        return new String(wire(m), StandardCharsets.ISO_8859_1);
    }

    private static String fixtureText(String fixture) {
        return new String(Fixtures.sip(fixture), StandardCharsets.ISO_8859_1);
    }

    /** The raw bytes of every field not named {@code except}, in order. */
    private static List<String> rawFieldsExcept(SipMessage m, String except) {
        List<String> out = new ArrayList<>();
        for (HeaderField f : m.headers()) {
            if (!f.is(except)) out.add(new String(f.rawBytes(), StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    private static MessageEdits response(int status, String method) {
        return new MessageEdits(parse("SIP/2.0 " + status + " X\n"
                + "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\n"
                + "From: <sip:a@example.com>;tag=1\n"
                + "To: <sip:b@example.com>;tag=2\n"
                + "Call-ID: c1\n"
                + "CSeq: 7 " + method + "\n"
                + "Contact: <sip:b@192.0.2.7>\n"
                + "Content-Length: 0\n\n"));
    }

    // ---- round trip: untouched fields keep their bytes

    @Test
    void jsr289_toMessage_withoutEdits_isByteIdentical() {
        MessageEdits m = edits(MESSAGE);
        assertArrayEquals(Fixtures.sip(MESSAGE), wire(m));
    }

    @Test
    void jsr289_toMessage_afterReadingEverything_isByteIdentical() throws Exception {
        MessageEdits m = edits(MESSAGE);
        m.getFrom();
        m.getTo();
        m.getAddressHeader("Contact");
        m.getAddressHeaders("Route").next();
        m.getParameterableHeader("Content-Type");
        m.getHeaders("Accept-Language").next();
        m.getContent();
        assertArrayEquals(Fixtures.sip(MESSAGE), wire(m));
    }

    @Test
    void jsr289_setHeader_onlyThatFieldChanges() {
        MessageEdits m = edits(MESSAGE);
        m.setHeader("X-Custom", "second");
        assertEquals(fixtureText(MESSAGE).replace("X-Custom: first\r\n", "X-Custom: second\r\n"), wireText(m));
    }

    @Test
    void jsr289_changeOfLiveContactAddress_otherFieldsByteIdentical() throws Exception {
        MessageEdits m = edits(REGISTER);
        m.getAddressHeader("Contact").setExpires(0);
        SipMessage out = m.toMessage();
        assertEquals(rawFieldsExcept(m.original(), "Contact"), rawFieldsExcept(out, "Contact"));
        assertEquals("<sip:bob@192.0.2.4>;expires=0", out.headers().firstValue("Contact").orElseThrow());
        assertEquals("<sip:bob@192.0.2.4>;expires=0", m.getHeader("m"));
        // the folded field is still folded on the wire
        assertTrue(wireText(m).contains("X-Folded: one,\r\n two\r\n"));
    }

    @Test
    void jsr289_changeOfFromDisplayName_isAllowedAndOnlyFromChanges() {
        MessageEdits m = edits(MESSAGE);
        m.getFrom().setDisplayName("Carol");
        SipMessage out = m.toMessage();
        assertEquals(rawFieldsExcept(m.original(), "From"), rawFieldsExcept(out, "From"));
        assertEquals("\"Carol\" <sip:alice@atlanta.example.com>;tag=49583", out.headers().firstValue("From").orElseThrow());
        // the compact name as written is kept
        assertEquals("f", out.headers().first("From").orElseThrow().name());
    }

    @Test
    void jsr289_changedBody_isReparsedWithMatchingContentLength() throws Exception {
        MessageEdits m = edits(MESSAGE);
        m.setContent("héllo wörld", "text/plain;charset=UTF-8");
        SipMessage again = parse(wire(m));
        assertEquals("héllo wörld", new String(again.bodyBytes(), StandardCharsets.UTF_8));
        assertEquals(13, again.contentLength().orElseThrow().length());
        assertEquals(rawFieldsExcept(m.original(), "Content-Type").subList(0, 11),
                rawFieldsExcept(again, "Content-Type").subList(0, 11));
    }

    // ---- string headers

    @Test
    void jsr289_getHeader_compactAndLongNamesAreEquivalent() {
        MessageEdits m = edits(MESSAGE);
        assertEquals("asd88asd77a@1.2.3.4", m.getHeader("Call-ID"));
        assertEquals(m.getHeader("Call-ID"), m.getHeader("i"));
        assertEquals(m.getHeader("From"), m.getHeader("f"));
        assertEquals("asd88asd77a@1.2.3.4", m.getCallId());
        assertNull(m.getHeader("X-Absent"));
    }

    @Test
    void rfc3261_7_3_1_getHeaders_splitsListHeadersAndUnfolds() {
        MessageEdits m = edits(MESSAGE);
        List<String> langs = new ArrayList<>();
        m.getHeaders("Accept-Language").forEachRemaining(langs::add);
        assertEquals(List.of("da", "en-gb;q=0.8", "en;q=0.7"), langs);
        assertEquals("greetings, folded", m.getHeader("Subject"));
        assertFalse(m.getHeaders("X-Absent").hasNext());
    }

    @Test
    void jsr289_getHeaderNames_canonicalEachOnce() {
        MessageEdits m = edits(MESSAGE);
        m.addHeader("x-custom", "again");
        List<String> names = new ArrayList<>();
        m.getHeaderNames().forEachRemaining(names::add);
        assertEquals(List.of("Via", "Max-Forwards", "From", "To", "Call-ID", "CSeq", "X-Custom", "Subject",
                "Accept-Language", "Route", "Contact", "Content-Type", "Content-Length"), names);
    }

    @Test
    void jsr289_addHeader_goesAfterTheLastFieldOfThatName() {
        MessageEdits m = edits(MESSAGE);
        m.addHeader("X-Custom", "second");
        m.addHeader("X-New", "1");
        List<String> order = new ArrayList<>();
        for (HeaderField f : m.toMessage().headers()) order.add(f.name());
        assertEquals("X-Custom", order.get(order.indexOf("X-Custom") + 1));
        assertEquals("X-New", order.get(order.size() - 1));
        List<String> values = new ArrayList<>();
        m.getHeaders("x-custom").forEachRemaining(values::add);
        assertEquals(List.of("first", "second"), values);
    }

    @Test
    void jsr289_removeHeader_removesEveryField() {
        MessageEdits m = edits(MESSAGE);
        m.addHeader("X-Custom", "second");
        m.removeHeader("x-custom");
        assertNull(m.getHeader("X-Custom"));
        assertFalse(wireText(m).contains("X-Custom"));
    }

    @Test
    void jsr289_getHeadersIterator_setAndRemove_rewriteTheHeader() {
        MessageEdits m = edits(MESSAGE);
        ListIterator<String> it = m.getHeaders("Accept-Language");
        it.next();
        it.set("fr");
        it.next();
        it.remove();
        assertEquals("fr", m.getHeader("Accept-Language"));
        List<String> values = new ArrayList<>();
        m.getHeaders("Accept-Language").forEachRemaining(values::add);
        assertEquals(List.of("fr", "en;q=0.7"), values);
    }

    @Test
    void rfc3261_7_3_1_setHeader_withCrLf_throwsIllegalArgument() {
        MessageEdits m = edits(MESSAGE);
        assertThrows(IllegalArgumentException.class, () -> m.setHeader("Subject", "a\r\nVia: evil"));
        assertThrows(IllegalArgumentException.class, () -> m.setHeader("Bad Name", "x"));
        ListIterator<String> it = m.getHeaders("Subject");
        it.next();
        assertThrows(IllegalArgumentException.class, () -> it.set("a\nb"));
        assertEquals("greetings, folded", m.getHeader("Subject"));
    }

    // ---- system headers (JSR 289 §5.4.2)

    @Test
    void jsr289_5_4_2_setCallId_throwsIllegalArgument() {
        MessageEdits m = edits(MESSAGE);
        assertThrows(IllegalArgumentException.class, () -> m.setHeader("Call-ID", "other"));
        assertThrows(IllegalArgumentException.class, () -> m.setHeader("i", "other"));
        assertEquals("asd88asd77a@1.2.3.4", m.getCallId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"From", "f", "To", "t", "Call-ID", "CSeq", "Via", "v", "Route", "Record-Route", "Path",
        "RAck", "RSeq", "Contact", "m", "Content-Length", "l"})
    void jsr289_5_4_2_systemHeader_setAddRemove_throwIllegalArgument(String name) {
        MessageEdits m = edits(MESSAGE);
        assertThrows(IllegalArgumentException.class, () -> m.setHeader(name, "x"));
        assertThrows(IllegalArgumentException.class, () -> m.addHeader(name, "x"));
        assertThrows(IllegalArgumentException.class, () -> m.removeHeader(name));
        assertArrayEquals(Fixtures.sip(MESSAGE), wire(m));
    }

    @Test
    void jsr289_5_4_2_setAddressHeaderOfRoute_throwsIllegalArgument() throws Exception {
        MessageEdits m = edits(MESSAGE);
        Address a = AddressFactory.createAddress("<sip:evil.example.com;lr>");
        assertThrows(IllegalArgumentException.class, () -> m.setAddressHeader("Route", a));
        assertThrows(IllegalArgumentException.class, () -> m.addAddressHeader("Record-Route", a, true));
        assertThrows(IllegalArgumentException.class, () -> m.setParameterableHeader("Via", AddressFactory.createParameterable("SIP/2.0/UDP x")));
    }

    @Test
    void jsr289_5_4_2_fromTag_cannotChange_throwsIllegalState() {
        MessageEdits m = edits(MESSAGE);
        assertThrows(IllegalStateException.class, () -> m.getFrom().setParameter("tag", "other"));
        assertThrows(IllegalStateException.class, () -> m.getFrom().removeParameter("tag"));
        assertThrows(IllegalStateException.class, () -> m.getTo().setParameter("tag", "new"));
        assertEquals("49583", m.getFrom().getParameter("tag"));
        assertArrayEquals(Fixtures.sip(MESSAGE), wire(m));
    }

    @Test
    void jsr289_5_4_2_routeAddress_isReadOnly() throws Exception {
        MessageEdits m = edits(MESSAGE);
        Address route = m.getAddressHeader("Route");
        assertThrows(IllegalStateException.class, () -> route.setParameter("lr", null));
        assertThrows(IllegalStateException.class, () -> route.setDisplayName("x"));
        ListIterator<Address> it = m.getAddressHeaders("Route");
        it.next();
        assertThrows(IllegalStateException.class, it::remove);
        ListIterator<String> vias = m.getHeaders("Via");
        vias.next();
        assertThrows(IllegalStateException.class, () -> vias.set("SIP/2.0/UDP evil"));
        assertThrows(IllegalStateException.class, () -> m.getParameterableHeader("v").setParameter("branch", "z9hG4bKx"));
        assertArrayEquals(Fixtures.sip(MESSAGE), wire(m));
    }

    @Test
    void jsr289_5_4_2_contactInMessageRequest_isSystem() throws Exception {
        MessageEdits m = edits(MESSAGE);
        assertTrue(m.isSystemHeader("Contact"));
        assertThrows(IllegalStateException.class, () -> m.getAddressHeader("Contact").setExpires(0));
        assertThrows(IllegalArgumentException.class,
                () -> m.setAddressHeader("Contact", AddressFactory.createAddress("<sip:x@example.com>")));
    }

    @Test
    void jsr289_5_4_2_contactInRegister_isModifiable() throws Exception {
        MessageEdits m = edits(REGISTER);
        assertFalse(m.isSystemHeader("Contact"));
        m.addAddressHeader("Contact", AddressFactory.createAddress("<sip:bob@198.51.100.9>;expires=60"), false);
        List<String> contacts = new ArrayList<>();
        m.getHeaders("Contact").forEachRemaining(contacts::add);
        assertEquals(List.of("<sip:bob@192.0.2.4>", "<sip:bob@198.51.100.9>;expires=60"), contacts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"301 INVITE", "302 INVITE", "485 INVITE", "200 OPTIONS", "200 REGISTER", "401 REGISTER"})
    void jsr289_5_4_2_contactInResponse_isNotSystem(String statusAndMethod) {
        String[] p = statusAndMethod.split(" ");
        MessageEdits m = response(Integer.parseInt(p[0]), p[1]);
        assertFalse(m.isSystemHeader("Contact"));
        m.setHeader("Contact", "<sip:elsewhere@example.com>");
        assertEquals("<sip:elsewhere@example.com>", m.getHeader("Contact"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"200 INVITE", "180 INVITE", "200 SUBSCRIBE", "486 INVITE"})
    void jsr289_5_4_2_contactInResponse_isSystem(String statusAndMethod) {
        String[] p = statusAndMethod.split(" ");
        MessageEdits m = response(Integer.parseInt(p[0]), p[1]);
        assertTrue(m.isSystemHeader("Contact"));
        assertThrows(IllegalArgumentException.class, () -> m.setHeader("Contact", "<sip:x@example.com>"));
    }

    @Test
    void jsr289_getMethod_ofResponse_isCSeqMethod() {
        assertEquals("OPTIONS", response(200, "OPTIONS").getMethod());
        assertEquals("MESSAGE", edits(MESSAGE).getMethod());
    }

    // ---- committed state

    @Test
    void jsr289_committed_setHeader_throwsIllegalState() {
        MessageEdits m = edits(MESSAGE);
        m.commit();
        assertTrue(m.isCommitted());
        assertThrows(IllegalStateException.class, () -> m.setHeader("X-Custom", "x"));
        assertThrows(IllegalStateException.class, () -> m.addHeader("X-Custom", "x"));
        assertThrows(IllegalStateException.class, () -> m.removeHeader("X-Custom"));
        assertThrows(IllegalStateException.class, () -> m.setExpires(5));
        assertThrows(IllegalStateException.class, () -> m.setHeaderForm(HeaderForm.COMPACT));
        assertArrayEquals(Fixtures.sip(MESSAGE), wire(m));
    }

    @Test
    void jsr289_committed_systemHeader_throwsIllegalStateFirst() {
        MessageEdits m = edits(MESSAGE);
        m.commit();
        assertThrows(IllegalStateException.class, () -> m.setHeader("Call-ID", "x"));
    }

    @Test
    void jsr289_committed_setContent_throwsIllegalState() {
        MessageEdits m = edits(MESSAGE);
        m.commit();
        assertThrows(IllegalStateException.class, () -> m.setContent("x", "text/plain"));
        assertThrows(IllegalStateException.class, () -> m.setContentType("text/html"));
        assertThrows(IllegalStateException.class, () -> m.setCharacterEncoding("UTF-8"));
    }

    @Test
    void jsr289_committed_addressesAreReadOnly() throws Exception {
        MessageEdits m = edits(REGISTER);
        m.commit();
        assertThrows(IllegalStateException.class, () -> m.getAddressHeader("Contact").setExpires(0));
        assertThrows(IllegalStateException.class, () -> m.getFrom().setDisplayName("x"));
        ListIterator<Address> it = m.getAddressHeaders("Contact");
        it.next();
        assertThrows(IllegalStateException.class, it::remove);
        assertThrows(IllegalStateException.class,
                () -> m.addAddressHeader("Contact", AddressFactory.createAddress("<sip:a@example.com>"), true));
    }

    @Test
    void jsr289_committed_earlierHandedOutAddress_noLongerReachesMessage() throws Exception {
        MessageEdits m = edits(REGISTER);
        Address contact = m.getAddressHeader("Contact");
        contact.setExpires(30);
        m.commit();
        contact.setExpires(99);
        assertEquals("<sip:bob@192.0.2.4>;expires=30", m.toMessage().headers().firstValue("Contact").orElseThrow());
        assertEquals("<sip:bob@192.0.2.4>;expires=30", m.getHeader("Contact"));
    }

    // ---- address and parameterable headers

    @Test
    void jsr289_getAddressHeader_malformed_throwsServletParseException() {
        String text = "OPTIONS sip:b@example.com SIP/2.0\n"
                + "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\n"
                + "From: <sip:a@example.com>;tag=1\n"
                + "To: <sip:b@example.com>\n"
                + "Call-ID: c1\n"
                + "CSeq: 1 OPTIONS\n"
                + "Reply-To: <sip:alice@example.com\n"
                + "X-Param: value;=bad\n"
                + "Content-Length: 0\n\n";
        MessageEdits m = new MessageEdits(parse(text));
        int offset = text.replace("\n", "\r\n").indexOf("<sip:alice");
        ServletParseException e = assertThrows(ServletParseException.class, () -> m.getAddressHeader("Reply-To"));
        assertEquals("Bad Reply-To (RFC 3261 §25.1 name-addr: missing '>') at message offset " + offset, e.getMessage());
        assertThrows(ServletParseException.class, () -> m.getParameterableHeader("X-Param"));
        assertThrows(ServletParseException.class, () -> m.getAddressHeaders("Reply-To"));
    }

    @Test
    void jsr289_getAddressHeader_malformedEditedField_hasNoMessageOffset() {
        MessageEdits m = edits(MESSAGE);
        m.setHeader("Reply-To", "<sip:bad");
        ServletParseException e = assertThrows(ServletParseException.class, () -> m.getAddressHeader("Reply-To"));
        assertEquals("Bad Reply-To (RFC 3261 §25.1 name-addr: missing '>')", e.getMessage());
    }

    @Test
    void jsr289_5_4_2_fromThroughAddressIterator_cannotBeRemoved() throws Exception {
        MessageEdits m = edits(MESSAGE);
        ListIterator<Address> it = m.getAddressHeaders("From");
        Address from = it.next();
        assertSame(m.getFrom(), from);
        assertThrows(IllegalStateException.class, it::remove);
        assertThrows(IllegalStateException.class, () -> it.add(AddressFactory.createAddress("<sip:x@example.com>")));
        assertArrayEquals(Fixtures.sip(MESSAGE), wire(m));
    }

    @Test
    void jsr289_parameterableHeadersIterator_add_reachesTheMessage() throws Exception {
        MessageEdits m = edits(MESSAGE);
        ListIterator<Parameterable> it = m.getParameterableHeaders("Accept-Language");
        while (it.hasNext()) it.next();
        it.add(AddressFactory.createParameterable("sv;q=0.1"));
        assertThrows(IllegalArgumentException.class, () -> it.add(notParameterable()));
        List<String> values = new ArrayList<>();
        m.getHeaders("Accept-Language").forEachRemaining(values::add);
        assertEquals(List.of("da", "en-gb;q=0.8", "en;q=0.7", "sv;q=0.1"), values);
    }

    /** A Parameterable of another implementation whose text does not parse. */
    private static Parameterable notParameterable() {
        return (Parameterable) java.lang.reflect.Proxy.newProxyInstance(MessageEditsTest.class.getClassLoader(),
                new Class<?>[] {Parameterable.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> ";";
                    case "hashCode" -> 0;
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    @Test
    void jsr289_addressHeadersIterator_addAndSet_reachTheMessage() throws Exception {
        MessageEdits m = edits(REGISTER);
        ListIterator<Address> it = m.getAddressHeaders("Contact");
        it.next();
        it.set(AddressFactory.createAddress("<sip:bob@192.0.2.5>"));
        it.add(AddressFactory.createAddress("<sip:bob@192.0.2.6>;q=0.5"));
        List<String> contacts = new ArrayList<>();
        m.getHeaders("Contact").forEachRemaining(contacts::add);
        assertEquals(List.of("<sip:bob@192.0.2.5>", "<sip:bob@192.0.2.6>;q=0.5"), contacts);
    }

    @Test
    void jsr289_addAddressHeader_first_goesOnTop() throws Exception {
        MessageEdits m = edits(REGISTER);
        m.addAddressHeader("Contact", AddressFactory.createAddress("<sip:top@example.com>"), true);
        assertEquals("<sip:top@example.com>", m.getAddressHeader("Contact").toString());
    }

    @Test
    void jsr289_setAddressHeader_ofNonAddressHeader_throwsIllegalArgument() throws Exception {
        MessageEdits m = edits(MESSAGE);
        Address a = AddressFactory.createAddress("<sip:x@example.com>");
        assertThrows(IllegalArgumentException.class, () -> m.setAddressHeader("Expires", a));
        m.setAddressHeader("Reply-To", a);
        assertEquals("<sip:x@example.com>", m.getHeader("Reply-To"));
        // the caller's object is copied
        a.setDisplayName("Later");
        assertEquals("<sip:x@example.com>", m.getHeader("Reply-To"));
    }

    @Test
    void jsr289_parameterableHeader_changeReachesTheMessage() throws Exception {
        MessageEdits m = edits(MESSAGE);
        m.setParameterableHeader("Event", AddressFactory.createParameterable("presence;id=1"));
        Parameterable p = m.getParameterableHeader("Event");
        p.setParameter("id", "2");
        assertEquals("presence;id=2", m.getHeader("Event"));
        m.addParameterableHeader("Event", AddressFactory.createParameterable("dialog"), true);
        List<String> events = new ArrayList<>();
        m.getHeaders("Event").forEachRemaining(events::add);
        assertEquals(List.of("dialog", "presence;id=2"), events);
    }

    @Test
    void jsr289_stringEdit_detachesEarlierLiveValues() throws Exception {
        MessageEdits m = edits(REGISTER);
        Address contact = m.getAddressHeader("Contact");
        m.setHeader("Contact", "<sip:new@example.com>");
        contact.setExpires(10);
        assertEquals("<sip:new@example.com>", m.getHeader("Contact"));
    }

    // ---- content (JSR 289 getContent/setContent, RFC 3261 §20.15)

    @Test
    void jsr289_getContent_textWithCharset_decodesWithIt() throws Exception {
        MessageEdits m = edits(MESSAGE);
        assertEquals("ISO-8859-1", m.getCharacterEncoding());
        assertEquals("café!", m.getContent());
        assertEquals(5, m.getContentLength());
        assertArrayEquals(new byte[] {'c', 'a', 'f', (byte) 0xe9, '!'}, m.getRawContent());
        assertEquals("text/plain;charset=ISO-8859-1", m.getContentType());
    }

    @Test
    void jsr289_getContent_textWithoutCharset_isUtf8() throws Exception {
        MessageEdits m = edits(MESSAGE);
        m.setContent("café".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertNull(m.getCharacterEncoding());
        assertEquals("café", m.getContent());
    }

    @Test
    void jsr289_setCharacterEncoding_overridesContentTypeCharset() throws Exception {
        MessageEdits m = edits(MESSAGE);
        m.setCharacterEncoding("UTF-8");
        assertEquals("UTF-8", m.getCharacterEncoding());
        // E9 alone is not UTF-8: the replacement character shows the override was used
        assertEquals("caf\uFFFD!", m.getContent());
        m.setContentType("text/plain;charset=ISO-8859-1");
        assertEquals("café!", m.getContent());
    }

    @Test
    void jsr289_getContent_nonText_isByteArray() throws Exception {
        MessageEdits m = edits(MESSAGE);
        byte[] sdp = "v=0\r\n".getBytes(StandardCharsets.US_ASCII);
        m.setContent(sdp, "application/sdp");
        assertArrayEquals(sdp, (byte[]) m.getContent());
        assertEquals("application/sdp", m.getContentType());
        assertEquals(5, m.getContentLength());
    }

    @Test
    void jsr289_setContent_string_usesCharsetParameter() throws Exception {
        MessageEdits m = edits(MESSAGE);
        m.setContent("é", "text/plain;charset=UTF-16BE");
        assertArrayEquals(new byte[] {0, (byte) 0xe9}, m.getRawContent());
        assertEquals("2", m.toMessage().headers().firstValue("Content-Length").orElseThrow());
        assertEquals("é", m.getContent());
    }

    @Test
    void jsr289_setContent_stringAfterSetCharacterEncoding_addsCharsetToContentType() throws Exception {
        MessageEdits m = edits(MESSAGE);
        m.setCharacterEncoding("ISO-8859-1");
        m.setContent("é", "text/plain");
        assertArrayEquals(new byte[] {(byte) 0xe9}, m.getRawContent());
        assertEquals("text/plain;charset=ISO-8859-1", m.getContentType());
    }

    @Test
    void jsr289_setContent_stringOfNonTextType_isUtf8() throws Exception {
        MessageEdits m = edits(MESSAGE);
        m.setContent("s=ü\r\n", "application/sdp");
        assertArrayEquals("s=ü\r\n".getBytes(StandardCharsets.UTF_8), m.getRawContent());
    }

    @Test
    void jsr289_setContent_otherObjectOfNonTextType_throwsIllegalArgument() {
        MessageEdits m = edits(MESSAGE);
        assertThrows(IllegalArgumentException.class, () -> m.setContent(List.of(1), "application/sdp"));
        assertEquals(5, m.getContentLength());
    }

    @Test
    void jsr289_setContent_otherObjectOfTextType_usesToString() throws Exception {
        MessageEdits m = edits(MESSAGE);
        m.setContent(new StringBuilder("hi"), "text/html");
        assertEquals("hi", m.getContent());
    }

    @Test
    void rfc3261_20_15_setContent_withoutContentType_throwsIllegalArgument() {
        MessageEdits m = edits(REGISTER);
        assertThrows(IllegalArgumentException.class, () -> m.setContent("x", null));
        assertThrows(IllegalArgumentException.class, () -> m.setContent("x", "not a type"));
        assertThrows(IllegalArgumentException.class, () -> m.setContentType("text"));
    }

    @Test
    void jsr289_setContent_null_emptiesBody() throws Exception {
        MessageEdits m = edits(MESSAGE);
        m.setContent(null, null);
        assertEquals(0, m.getContentLength());
        assertNull(m.getContent());
        assertEquals("0", m.getHeader("Content-Length"));
    }

    @Test
    void jsr289_setContent_beyondLimit_throwsIllegalArgument() {
        MessageEdits m = edits(MESSAGE);
        byte[] big = new byte[SipLimits.defaults().maxContentLength() + 1];
        assertThrows(IllegalArgumentException.class, () -> m.setContent(big, "application/octet-stream"));
    }

    @Test
    void jsr289_setContent_limitsFromConfig_areChecked() throws Exception {
        SipLimits limits = SipLimits.defaults().withMaxContentLength(4).withMaxMessageBytes(600);
        MessageEdits m = new MessageEdits(parse(Fixtures.sip(MESSAGE)), limits);
        assertThrows(IllegalArgumentException.class, () -> m.setContent("hello", "text/plain"));
        MessageEdits wide = new MessageEdits(parse(Fixtures.sip(MESSAGE)), limits.withMaxContentLength(1000));
        assertThrows(IllegalArgumentException.class, () -> wide.setContent(new byte[200], "application/octet-stream"));
        wide.setContent(new byte[20], "application/octet-stream");
        assertEquals(20, wide.getContentLength());
        assertEquals(5, m.getContentLength());
    }

    @Test
    void jsr289_unknownCharset_throwsUnsupportedEncoding() {
        MessageEdits m = edits(MESSAGE);
        assertThrows(UnsupportedEncodingException.class, () -> m.setCharacterEncoding("x-no-such-charset"));
        m.setContentType("text/plain;charset=x-no-such-charset");
        assertThrows(UnsupportedEncodingException.class, m::getContent);
        assertThrows(UnsupportedEncodingException.class, () -> m.setContent("a", "text/plain;charset=x-nope"));
    }

    // ---- header form

    @Test
    void jsr289_headerForm_compact_rewritesOnlyNamesWithCompactForms() {
        MessageEdits m = edits(REGISTER);
        m.setHeaderForm(HeaderForm.COMPACT);
        assertEquals(HeaderForm.COMPACT, m.getHeaderForm());
        String out = wireText(m);
        assertTrue(out.contains("\r\nv: SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7\r\n"), out);
        assertTrue(out.contains("\r\nt: Bob <sip:bob@biloxi.example.com>\r\n"), out);
        assertTrue(out.contains("\r\ni: 843817637684230@998sdasdh09\r\n"), out);
        assertTrue(out.contains("\r\nm: <sip:bob@192.0.2.4>\r\n"), out);
        assertTrue(out.contains("\r\nl: 0\r\n"), out);
        assertTrue(out.contains("\r\nCSeq: 1826 REGISTER\r\n"), out);
        assertTrue(out.contains("\r\nX-Folded: one,\r\n two\r\n"), out);
    }

    @Test
    void jsr289_headerForm_long_rewritesCompactNames() {
        MessageEdits m = edits(MESSAGE);
        m.setHeaderForm(HeaderForm.LONG);
        SipMessage out = m.toMessage();
        List<String> names = new ArrayList<>();
        for (HeaderField f : out.headers()) names.add(f.name());
        assertEquals(List.of("Via", "Max-Forwards", "From", "To", "Call-ID", "CSeq", "X-Custom", "Subject",
                "Accept-Language", "Route", "Contact", "Content-Type", "Content-Length"), names);
        assertEquals(fixtureText(MESSAGE).replace("\r\nv: ", "\r\nVia: ").replace("\r\nf: ", "\r\nFrom: ")
                .replace("\r\nt: ", "\r\nTo: ").replace("\r\ni: ", "\r\nCall-ID: "), wireText(m));
    }

    @Test
    void jsr289_headerForm_default_keepsNamesAsWritten() {
        MessageEdits m = edits(MESSAGE);
        m.setHeaderForm(HeaderForm.LONG);
        m.setHeaderForm(HeaderForm.DEFAULT);
        assertArrayEquals(Fixtures.sip(MESSAGE), wire(m));
    }

    // ---- Expires, languages, attributes

    @Test
    void rfc3261_20_19_expires() {
        MessageEdits m = edits(REGISTER);
        assertEquals(7200, m.getExpires());
        m.setExpires(60);
        assertEquals("60", m.getHeader("Expires"));
        assertThrows(IllegalArgumentException.class, () -> m.setExpires(-1));
        assertEquals(-1, edits(MESSAGE).getExpires());
    }

    @Test
    void rfc3261_20_3_acceptLanguages_inQOrder() {
        MessageEdits m = edits(MESSAGE);
        m.addHeader("Accept-Language", "fr;q=0.9");
        List<Locale> out = new ArrayList<>();
        m.getAcceptLanguages().forEachRemaining(out::add);
        assertEquals(List.of(Locale.forLanguageTag("da"), Locale.forLanguageTag("fr"), Locale.forLanguageTag("en-GB"),
                Locale.forLanguageTag("en")), out);
        assertEquals(Locale.forLanguageTag("da"), m.getAcceptLanguage());
    }

    @Test
    void jsr289_addAcceptLanguage_isLessPreferredThanAll() {
        MessageEdits m = edits(MESSAGE);
        m.addAcceptLanguage(Locale.GERMAN);
        List<Locale> out = new ArrayList<>();
        m.getAcceptLanguages().forEachRemaining(out::add);
        assertEquals(Locale.GERMAN, out.get(out.size() - 1));
        List<String> raw = new ArrayList<>();
        m.getHeaders("Accept-Language").forEachRemaining(raw::add);
        assertEquals("de;q=0.35", raw.get(raw.size() - 1));
    }

    @Test
    void jsr289_acceptLanguage_absent_isServerDefault() {
        MessageEdits m = edits(REGISTER);
        assertEquals(Locale.getDefault(), m.getAcceptLanguage());
        m.setAcceptLanguage(Locale.FRENCH);
        assertEquals("fr", m.getHeader("Accept-Language"));
        m.setAcceptLanguage(null);
        assertNull(m.getHeader("Accept-Language"));
    }

    @Test
    void jsr289_contentLanguage() {
        MessageEdits m = edits(MESSAGE);
        assertNull(m.getContentLanguage());
        m.setContentLanguage(Locale.forLanguageTag("en-US"));
        assertEquals("en-US", m.getHeader("Content-Language"));
        assertEquals(Locale.US, m.getContentLanguage());
    }

    @Test
    void jsr289_attributes() {
        MessageEdits m = edits(MESSAGE);
        Object v = new Object();
        m.setAttribute("io.ferry.test", v);
        assertSame(v, m.getAttribute("io.ferry.test"));
        assertEquals(List.of("io.ferry.test"), Collections.list(m.getAttributeNames()));
        m.setAttribute("io.ferry.test", null);
        assertNull(m.getAttribute("io.ferry.test"));
        m.setAttribute("a", 1);
        m.removeAttribute("a");
        assertFalse(m.getAttributeNames().hasMoreElements());
        assertThrows(NullPointerException.class, () -> m.getAttribute(null));
    }

    @Test
    void jsr289_toMessage_keepsTheMessageKind() {
        MessageEdits m = edits(MESSAGE);
        m.setHeader("X-Custom", "z");
        SipRequest r = assertInstanceOf(SipRequest.class, m.toMessage());
        assertEquals("sip:bob@biloxi.example.com", r.requestUriText());
        Iterator<String> names = m.getHeaderNames();
        assertThrows(UnsupportedOperationException.class, names::remove);
    }
}
