package io.ferry.runtime.transport;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Hands out this node's flow ids; one instance per runtime. Ids start at a random offset. */
public final class FlowIds {

    private final AtomicLong next = new AtomicLong(new SecureRandom().nextInt() & 0x7fffffffL);

    public FlowId next(Transport transport) {
        return new FlowId(transport.token().toLowerCase(Locale.ROOT) + "-" + Long.toHexString(next.getAndIncrement()));
    }
}
