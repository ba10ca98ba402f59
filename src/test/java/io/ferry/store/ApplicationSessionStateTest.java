package io.ferry.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApplicationSessionStateTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final SecureRandom random = new SecureRandom();

    private ApplicationSessionState session() {
        return ApplicationSessionState.newSession(ApplicationSessionId.random(random), "app", null, T0, null);
    }

    @Test
    void jsr289_6_1_3_generatedIds_are128BitBase64url_andDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = ApplicationSessionId.random(random).value();
            assertEquals(ApplicationSessionId.GENERATED_LENGTH, id.length());
            assertTrue(id.matches("[A-Za-z0-9_-]+"), id);
            seen.add(id);
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void id_fromOutside_withForeignCharacterOrTooLong_isRejectedWithOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ApplicationSessionId("abc/def"));
        assertTrue(e.getMessage().contains("offset 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ApplicationSessionId("a".repeat(ApplicationSessionId.MAX_LENGTH + 1)));
        assertThrows(IllegalArgumentException.class, () -> new ApplicationSessionId(""));
    }

    @Test
    void attributeValue_isASnapshot_comparedByContent() {
        byte[] bytes = {1, 2, 3};
        AttributeValue value = new AttributeValue(bytes);
        bytes[0] = 9;
        value.serialized()[1] = 9;

        assertEquals(new AttributeValue(new byte[] {1, 2, 3}), value);
        assertEquals(new AttributeValue(new byte[] {1, 2, 3}).hashCode(), value.hashCode());
        assertNotEquals(new AttributeValue(new byte[] {1, 2}), value);
        assertEquals(3, value.length());
    }

    @Test
    void state_attributesMap_isCopiedAndUnmodifiable() {
        Map<String, AttributeValue> attrs = new HashMap<>();
        attrs.put("a", new AttributeValue(new byte[] {1}));
        ApplicationSessionState s = new ApplicationSessionState(ApplicationSessionId.random(random), 0, "app", null,
                T0, T0, null, false, attrs, List.of());
        attrs.put("b", new AttributeValue(new byte[] {2}));

        assertEquals(Set.of("a"), s.attributes().keySet());
        assertThrows(UnsupportedOperationException.class,
                () -> s.attributes().put("c", new AttributeValue(new byte[0])));
    }

    @Test
    void withMethods_returnCopies_keepingTheReadVersion() {
        ApplicationSessionState read = session().withVersion(4);

        ApplicationSessionState changed = read.withAttribute("a", new AttributeValue(new byte[] {1}))
                .withSipSession(ProtocolSessionRef.withoutDialog("s1"))
                .withExpires(T0.plusSeconds(180))
                .withLastAccessed(T0.plusSeconds(1));

        assertEquals(4, changed.version());
        assertTrue(read.attributes().isEmpty());
        assertTrue(read.sipSessions().isEmpty());
        assertEquals(T0.plusSeconds(180), changed.expiry().orElseThrow());
        assertTrue(changed.withExpires(null).expiry().isEmpty());
        assertTrue(changed.withoutAttribute("a").attributes().isEmpty());
        assertTrue(changed.invalidate().invalidated());
    }

    @Test
    void sipSessions_dialogIdIsRecorded_inPlace() {
        ApplicationSessionState s = session()
                .withSipSession(ProtocolSessionRef.withoutDialog("s1"))
                .withSipSession(ProtocolSessionRef.withoutDialog("s2"))
                .withSipSession(ProtocolSessionRef.withoutDialog("s1").withDialogId("call-1;l;r"));

        assertEquals(List.of("s1", "s2"), s.sipSessions().stream().map(ProtocolSessionRef::id).toList());
        assertEquals("call-1;l;r", s.sipSession("s1").orElseThrow().dialog().orElseThrow());
        assertTrue(s.sipSession("s2").orElseThrow().dialog().isEmpty());
        assertEquals(List.of("s2"), s.withoutSipSession("s1").sipSessions().stream()
                .map(ProtocolSessionRef::id).toList());
    }

    @Test
    void state_duplicateSipSessionId_orAccessBeforeCreation_isRejected() {
        ApplicationSessionId id = ApplicationSessionId.random(random);
        assertThrows(IllegalArgumentException.class, () -> new ApplicationSessionState(id, 0, "app", null, T0, T0,
                null, false, Map.of(), List.of(ProtocolSessionRef.withoutDialog("s"), ProtocolSessionRef.withoutDialog("s"))));
        assertThrows(IllegalArgumentException.class, () -> new ApplicationSessionState(id, 0, "app", null, T0,
                T0.minusSeconds(1), null, false, Map.of(), List.of()));
    }

    @Test
    void isExpiredAt_includesTheExpiryInstant_andNeverForNoExpiry() {
        ApplicationSessionState s = session().withExpires(T0.plusSeconds(60));

        assertTrue(!s.isExpiredAt(T0.plusSeconds(59)));
        assertTrue(s.isExpiredAt(T0.plusSeconds(60)));
        assertTrue(!session().isExpiredAt(Instant.MAX));
    }
}
