package io.ferry.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.Transport;
import io.ferry.runtime.transport.netty.NettyTransportConfig;
import io.ferry.runtime.transport.netty.SipListeners;
import io.ferry.runtime.txn.ClientTransaction;
import io.ferry.runtime.txn.ServerTransaction;
import io.ferry.runtime.txn.TransactionConfig;
import io.ferry.runtime.txn.TransactionFailure;
import io.ferry.runtime.txn.TransactionUser;
import io.ferry.sip.SipLimits;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The stack end to end over a real UDP socket: listeners → SipInbound → transaction layer → TU and back. */
class SipStackOverUdpTest {

    private final List<String> requests = new CopyOnWriteArrayList<>();

    private final TransactionUser user = new TransactionUser() {
        @Override
        public void onRequest(ServerTransaction transaction, SipRequest request) {
            requests.add(request.method());
            transaction.respond(request.createResponse(200, "OK"));
        }

        @Override
        public void onAck(Flow flow, SipRequest ack, Optional<ServerTransaction> invite) {
        }

        @Override
        public void onCancel(ServerTransaction invite, SipRequest cancel) {
        }

        @Override
        public void onResponse(ClientTransaction transaction, SipResponse response) {
        }

        @Override
        public void onStrayResponse(Flow flow, SipResponse response) {
        }

        @Override
        public void onClientFailure(ClientTransaction transaction, TransactionFailure failure) {
        }

        @Override
        public void onServerFailure(ServerTransaction transaction, TransactionFailure failure) {
        }
    };

    private static String options(int localPort) {
        return "OPTIONS sip:ferry@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK-retrans-1-1\r\n"
                + "From: sipp <sip:sipp@127.0.0.1:" + localPort + ">;tag=1SIPpTag011\r\n"
                + "To: <sip:ferry@127.0.0.1>\r\n"
                + "Call-ID: retrans-1-1@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    @Test
    void rfc3261_17_2_2_retransmittedRequest_getsTheSameResponse_andReachesTheTuOnce() throws Exception {
        try (SipStack stack = new SipStack("ferry1", SipLimits.defaults(), TransactionConfig.DEFAULT, user);
             SipListeners listeners = new SipListeners(NettyTransportConfig.defaults().withBindHost("0.0.0.0").withPorts(0, 0, 0)
                     .withEnabled(true, false, false), stack.flows(), stack.flowIds(), stack.inbound());
             DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            listeners.start();
            client.setSoTimeout(5_000);
            int port = listeners.port(Transport.UDP);
            byte[] request = options(client.getLocalPort()).getBytes(StandardCharsets.US_ASCII);
            String[] responses = new String[2];
            for (int i = 0; i < 2; i++) {
                client.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
                DatagramPacket in = new DatagramPacket(new byte[4096], 4096);
                client.receive(in);
                responses[i] = new String(in.getData(), 0, in.getLength(), StandardCharsets.US_ASCII);
            }
            assertTrue(responses[0].startsWith("SIP/2.0 200 OK"), responses[0]);
            assertEquals(responses[0], responses[1], "the retransmission gets the last response again");
            assertEquals(List.of("OPTIONS"), requests);
        }
    }
}
