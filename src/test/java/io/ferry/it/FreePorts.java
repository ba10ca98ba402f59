package io.ferry.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for the test deployment's listeners (this shared machine often has 5060 in use). */
final class FreePorts {

    private FreePorts() {
    }

    static int tcp() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port free for both UDP and TCP (SIP listens on both, RFC 3261 §18). */
    static int udpAndTcp() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = tcp();
            try (DatagramSocket u = new DatagramSocket(port)) {
                return port;
            } catch (IOException e) {
                // taken for UDP: try another
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP");
    }
}
