package io.ferry.runtime.transport;

import java.util.Locale;
import java.util.Optional;

/** The transports a flow can use, as named in Via (RFC 3261 §18, RFC 7118 §5.2). */
public enum Transport {
    UDP(false, false),
    TCP(true, false),
    TLS(true, true),
    WS(true, false),
    WSS(true, true);

    private final boolean reliable;
    private final boolean secure;

    Transport(boolean reliable, boolean secure) {
        this.reliable = reliable;
        this.secure = secure;
    }

    /** Reliable transports need no retransmission timers (RFC 3261 §17.1.1.2, Timer A). */
    public boolean reliable() {
        return reliable;
    }

    public boolean secure() {
        return secure;
    }

    /** The token used in Via sent-protocol and in the {@code transport} URI parameter. */
    public String token() {
        return name();
    }

    /** The transport named by a Via token or URI parameter, case-insensitively. */
    public static Optional<Transport> fromToken(String token) {
        return switch (token.toUpperCase(Locale.ROOT)) {
            case "UDP" -> Optional.of(UDP);
            case "TCP" -> Optional.of(TCP);
            case "TLS" -> Optional.of(TLS);
            case "WS" -> Optional.of(WS);
            case "WSS" -> Optional.of(WSS);
            default -> Optional.empty();
        };
    }
}
