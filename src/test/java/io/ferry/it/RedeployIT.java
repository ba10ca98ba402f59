package io.ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Undeploy stops everything the SIP stack started: the Netty event loops release their UDP and
 * TCP ports, and a redeploy binds them again and answers.
 */
class RedeployIT {

    private static final String APP = "ferry-redeploy";

    @Test
    void undeployReleasesTheSipPorts_andRedeployServesAgain() throws Exception {
        int port = FreePorts.udpAndTcp();
        String config = TestApplication.BASE_CONFIG.replace("mp.metrics.appName=" + TestApplication.APP, "mp.metrics.appName=" + APP)
                + "ferry.sip.port=" + port + "\n";
        try {
            for (int round = 1; round <= 2; round++) {
                TestWars.deploy(APP, config, List.of("io.ferry.testapp"));
                Sipp.Result r = Sipp.run("options", "u1", port);
                assertEquals(0, r.exitCode(), "round " + round + ": " + r.output());
                TestWars.undeploy(APP);
                assertPortsFree(port);
            }
        } finally {
            TestWars.undeploy(APP);
        }
    }

    private static void assertPortsFree(int port) throws Exception {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
             ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
        }
    }
}
