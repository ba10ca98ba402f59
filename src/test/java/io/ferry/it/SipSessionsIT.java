package io.ferry.it;

import static io.ferry.it.SipUasIT.awaitOne;
import static io.ferry.it.SipUasIT.value;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code timers} and {@code listeners} sample applications on one node (MESSAGE to timers,
 * PUBLISH to listeners): a ServletTimer that fires no earlier than asked and sends an OPTIONS out,
 * and the order of session lifecycle and attribute events (JSR 289 §6, §7.3, §7.4).
 */
class SipSessionsIT {

    private static SipAppDeployment node;

    @BeforeAll
    static void deploy() {
        node = SampleNode.SESSIONS.deploy();
    }

    @AfterAll
    static void undeploy() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void jsr289_servletTimer_firesNoEarlierThanAsked_andItsOptionsLeavesTheNode() throws Exception {
        String test = "timer-" + SipWire.token();
        int replyPort = FreePorts.udpAndTcp();
        Sipp.Running replyUas = Sipp.listen("uas-options", "u1", replyPort, List.of());
        Sipp.awaitListening("u1", replyPort);
        Sipp.Result ask = Sipp.run("timer-message", "u1", node.sipPort(),
                List.of("-key", "delay", "400", "-key", "reply_port", Integer.toString(replyPort), "-key", "test_id", test));
        assertEquals(0, ask.exitCode(), ask.output());
        Sipp.Result reply = replyUas.await();
        assertEquals(0, reply.exitCode(), "the OPTIONS sent on timeout reached the Contact of the MESSAGE: " + reply.output());

        String created = awaitOne(node, "app=timers", "event=timer-created", "test=" + test);
        assertTrue(created.contains(" delay-ms=400 "), created);
        assertTrue(value(created, "reply-to").equals("sip:sipp@127.0.0.1:" + replyPort), created);
        String fired = awaitOne(node, "app=timers", "event=timer-fired", "test=" + test);
        assertEquals(value(created, "timer-id"), value(fired, "timer-id"));
        long elapsed = Long.parseLong(value(fired, "elapsed-ms"));
        assertTrue(elapsed >= 400 && elapsed < 5_000, "fired after " + elapsed + " ms for 400 ms: " + fired);
        assertTrue(fired.contains(" app-session-valid=true "), fired);
        String answered = awaitOne(node, "app=timers", "event=response", "method=OPTIONS", "test=" + test);
        assertTrue(value(answered, "status").equals("200") && value(answered, "transport").equals("UDP"), answered);
    }

    @Test
    void jsr289_6_sessionAndAttributeListeners_seeLifecycleInOrder() throws Exception {
        int before = node.events("app=listeners").size();
        String test = "listeners-" + SipWire.token();
        Sipp.Result r = Sipp.run("publish", "t1", node.sipPort(), List.of("-key", "test_id", test));
        assertEquals(0, r.exitCode(), r.output());
        awaitOne(node, "app=listeners", "event=invalidated", "app-session-valid=false");
        await().atMost(Duration.ofSeconds(10)).until(() -> node.events("app=listeners").stream()
                .anyMatch(l -> l.contains("event=app-session.destroyed")));
        List<String> events = node.events("app=listeners").subList(before, node.events("app=listeners").size()).stream()
                .map(l -> value(l, "event") + SipUasIT.optionalValue(l, "name").map(n -> " " + n + "=" + value(l, "value")).orElse(""))
                .filter(e -> !e.endsWith("ready-to-invalidate"))
                .toList();
        assertEquals(List.of(
                "app-session.created",
                "session.created",
                "request",
                "app-session-attribute.added color=red",
                "app-session-attribute.replaced color=blue",
                "app-session-attribute.removed color=-",
                "session-attribute.added shape=circle",
                "session-attribute.replaced shape=square",
                "session-attribute.removed shape=-",
                "session.destroyed",
                "app-session.destroyed",
                "invalidated"), events);
    }
}
