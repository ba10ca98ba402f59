package io.ferry.runtime.container;

import static io.ferry.runtime.container.ContainerFixtures.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.auth.DigestAlgorithm;
import io.ferry.auth.DigestChallenge;
import io.ferry.auth.DigestCredentials;
import io.ferry.auth.DigestResult;
import io.ferry.auth.DigestVerifier;
import io.ferry.auth.Ha1;
import io.ferry.auth.HmacNonceService;
import io.ferry.auth.InMemoryNonceStore;
import io.ferry.auth.Qop;
import io.ferry.flow.SipFlows;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SipServletRequest.addAuthHeader answers a digest challenge (JSR 289 §4.1.4; RFC 3261 §22.2, RFC 7616, RFC 8760). */
class ContainerDigestTest {

    private static final String REALM = "ferry.test";
    private ContainerFixtures node;

    @AfterEach
    void close() {
        if (node != null) node.close();
    }

    private DigestVerifier verifier(List<DigestAlgorithm> algorithms) {
        Clock clock = Clock.systemUTC();
        return new DigestVerifier(REALM, algorithms, EnumSet.of(Qop.AUTH),
                new HmacNonceService(new byte[32], Duration.ofMinutes(5), clock), new InMemoryNonceStore(clock));
    }

    /** The app sends MESSAGE, gets 401 with the verifier's challenges, and resends in the same session with addAuthHeader. */
    private String answeredChallenge(DigestVerifier verifier) throws Exception {
        return answeredChallenge(verifier, 401);
    }

    private String answeredChallenge(DigestVerifier verifier, int status) throws Exception {
        String challengeHeader = status == 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
        String answerHeader = status == 407 ? "Proxy-Authorization" : "Authorization";
        node = new ContainerFixtures("OPTIONS: (\"uac\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"0\")\n");
        ScriptedServlet s = new ScriptedServlet(node.recorder, "");
        FakeFlow flow = node.tcp();
        s.onResponse("err", resp -> {
            SipServletRequest again = resp.getSession().createRequest("MESSAGE");
            again.setAttribute(SipFlows.ATTRIBUTE, resp.getRequest().getAttribute(SipFlows.ATTRIBUTE));
            again.setContent("hello", "text/plain");
            again.addAuthHeader(resp, "alice", "secret");
            again.send();
        });
        SipFactory f = node.deploy("uac", s).sipFactory();
        SipApplicationSession as = f.createApplicationSession();
        SipServletRequest m = f.createRequest(as, "MESSAGE", "<sip:alice@ferry.test>", "<sip:carol@peer.example>");
        m.setAttribute(SipFlows.ATTRIBUTE, node.container.sipFlows().find(flow.flow().id().value()).orElseThrow());
        m.setContent("hello", "text/plain");
        m.send();

        SipRequest first = flow.channel().awaitRequest("MESSAGE");
        SipResponse challenge = answer(first, status, "peer1");
        for (DigestChallenge c : verifier.challenges(false)) challenge = challenge.withAppendedHeader(challengeHeader, c.toHeaderValue());
        node.receive(flow, challenge);

        SipRequest second = (SipRequest) flow.channel().awaitCount(FakeFlowChannel.isRequest("MESSAGE"), 2).get(1);
        assertEquals(first.callId(), second.callId(), "RFC 3261 §22.2: the retry keeps the Call-ID");
        assertTrue(second.cseq().orElseThrow().number() > first.cseq().orElseThrow().number(), "RFC 3261 §22.2: the retry has a higher CSeq");
        String authorization = second.headers().firstValue(answerHeader).orElseThrow();
        DigestResult result = verifier.verify(authorization, "MESSAGE", second.bodyBytes(),
                (user, realm) -> Ha1.computeAll(user, realm, "secret".toCharArray(), DigestAlgorithm.MD5, DigestAlgorithm.SHA_256));
        assertEquals(DigestResult.OK, result, authorization);
        return authorization;
    }

    @Test
    void rfc8760_2_4_md5AndSha256Offered_answeredWithSha256_andVerified() throws Exception {
        String auth = answeredChallenge(verifier(List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5)));
        assertEquals(DigestAlgorithm.SHA_256, DigestCredentials.parse(auth).digestAlgorithm().orElseThrow());
    }

    @Test
    void rfc3261_22_2_md5Offered_answeredAndVerified() throws Exception {
        String auth = answeredChallenge(verifier(List.of(DigestAlgorithm.MD5)));
        assertEquals(DigestAlgorithm.MD5, DigestCredentials.parse(auth).digestAlgorithm().orElseThrow());
    }

    @Test
    void rfc3261_22_3_proxyChallenge407_answeredWithProxyAuthorization() throws Exception {
        String auth = answeredChallenge(verifier(List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5)), 407);
        assertEquals(DigestAlgorithm.SHA_256, DigestCredentials.parse(auth).digestAlgorithm().orElseThrow());
    }
}
