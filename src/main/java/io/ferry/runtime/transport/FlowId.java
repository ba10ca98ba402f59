package io.ferry.runtime.transport;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A flow's identifier, unique on this node: a transport prefix and a hex number
 * ({@code ws-1f3a}). It is not secret; the edge's flow token adds the node id and an HMAC.
 */
public record FlowId(String value) {

    private static final Pattern SYNTAX = Pattern.compile("(udp|tcp|tls|ws|wss)-[0-9a-f]{1,16}");

    public FlowId {
        Objects.requireNonNull(value, "value");
        if (!SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("not a flow id: " + value);
        }
    }

    /** Parses {@code text}, or returns null-free failure as an exception for malformed input. */
    public static FlowId of(String text) {
        return new FlowId(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
