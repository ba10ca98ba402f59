package io.ferry.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.flow.SipFlows;
import java.time.Duration;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A request the peer never answers (RFC 3261 §17.1.2.2 Timer F, with a short T1). */
class ContainerTimeoutTest {

    private ContainerFixtures node;

    @AfterEach
    void close() {
        if (node != null) node.close();
    }

    @Test
    void rfc3261_17_1_2_2_timerF_applicationGets408_afterRetransmissions() throws Exception {
        node = new ContainerFixtures("OPTIONS: (\"uac\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"0\")\n",
                Duration.ofMillis(10), Duration.ofMillis(40));
        ScriptedServlet s = new ScriptedServlet(node.recorder, "");
        SipFactory f = node.deploy("uac", s).sipFactory();
        FakeFlow flow = node.udp();
        SipServletRequest m = f.createRequest(f.createApplicationSession(), "MESSAGE", "<sip:app@ferry.test>", "<sip:carol@peer.example>");
        m.setAttribute(SipFlows.ATTRIBUTE, node.container.sipFlows().find(flow.flow().id().value()).orElseThrow());
        m.send();
        SipServletResponse r = node.recorder.await("doErrorResponse");
        assertEquals(408, r.getStatus());
        assertTrue(flow.channel().matching(FakeFlowChannel.isRequest("MESSAGE")).size() > 1, "RFC 3261 §17.1.2.2: retransmitted over UDP");
    }
}
