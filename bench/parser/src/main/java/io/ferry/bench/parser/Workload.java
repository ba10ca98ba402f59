package io.ferry.bench.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The three messages of the issue 5 workload, loaded as exact bytes from
 * {@code src/main/resources/workload/} (CRLF line ends, never converted).
 */
public enum Workload {
    /** JsSIP's initial REGISTER over WebSocket, recorded against Kamailio 5.6.3 (shared/fixtures). */
    REGISTER("register-jssip.sip"),
    /** A JsSIP INVITE from Chrome: audio + video, ICE candidates, DTLS fingerprint, a 4,121-byte SDP. */
    INVITE("invite-webrtc.sip"),
    /** Kamailio's 200 OK to that REGISTER: outbound, GRUU, rport/received (shared/fixtures). */
    OK200("ok200-register-kamailio.sip");

    private final String resource;

    Workload(String resource) {
        this.resource = resource;
    }

    /** A fresh copy of the message bytes. */
    public byte[] bytes() {
        try (InputStream in = Workload.class.getResourceAsStream("/workload/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing workload resource /workload/" + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read workload resource " + resource, e);
        }
    }
}
