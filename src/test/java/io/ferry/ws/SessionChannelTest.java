package io.ferry.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.FlowIds;
import io.ferry.runtime.transport.FlowTable;
import io.ferry.runtime.transport.Transport;
import io.ferry.runtime.transport.WebSocketFlow;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.websocket.RemoteEndpoint;
import javax.websocket.SendHandler;
import javax.websocket.SendResult;
import javax.websocket.Session;
import org.junit.jupiter.api.Test;

/** The WebSocket flow's bounded outbound queue: one async send at a time, a slow peer closed with 1008. */
class SessionChannelTest {

    private final List<String> sentText = new ArrayList<>();
    private final List<SendHandler> pending = new ArrayList<>();
    private final List<javax.websocket.CloseReason> closes = new ArrayList<>();
    private boolean open = true;

    /** A JSR-356 session whose async sends complete only when the test says so. */
    private Session session() {
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "sendText" -> {
                            sentText.add((String) args[0]);
                            pending.add((SendHandler) args[1]);
                        }
                        case "sendBinary" -> pending.add((SendHandler) args[1]);
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAsyncRemote" -> async;
                    case "isOpen" -> open;
                    case "close" -> {
                        closes.add((javax.websocket.CloseReason) args[0]);
                        open = false;
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private WebSocketFlow flow(SessionChannel channel, FlowTable table) {
        WebSocketFlow f = new WebSocketFlow(new FlowIds().next(Transport.WS), false, new InetSocketAddress("127.0.0.1", 8080),
                new InetSocketAddress("203.0.113.9", 40000), new InetSocketAddress("203.0.113.9", 40000), Optional.empty(), "/sip",
                Optional.empty(), channel);
        channel.attach(f);
        table.open(f);
        return f;
    }

    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneAsyncSendAtATime_theNextStartsWhenTheFirstCompletes() {
        SessionChannel channel = new SessionChannel(session(), 1024);
        WebSocketFlow f = flow(channel, new FlowTable());
        assertTrue(f.sendBytes(text("one")));
        assertTrue(f.sendBytes(text("two")));
        assertEquals(List.of("one"), sentText, "JSR-356 allows one outstanding async send per session");
        pending.remove(0).onResult(new SendResult());
        assertEquals(List.of("one", "two"), sentText);
        pending.remove(0).onResult(new SendResult());
        assertEquals(0, channel.queuedBytes());
    }

    @Test
    void slowConsumer_pastTheBound_isClosed1008_andHeardOfOnce() {
        SessionChannel channel = new SessionChannel(session(), 1024);
        FlowTable table = new FlowTable();
        List<CloseReason> heard = new ArrayList<>();
        table.addListener((fl, reason) -> heard.add(reason));
        WebSocketFlow f = flow(channel, table);
        String message = "x".repeat(300);
        int accepted = 0;
        while (f.sendBytes(text(message))) {
            accepted++;
        }
        assertEquals(3, accepted, "1024 bytes hold three 300-byte messages; the fourth is refused");
        assertFalse(f.isOpen());
        assertEquals(Optional.of(CloseReason.SLOW_CONSUMER), f.closeReason());
        assertEquals(1, closes.size());
        assertEquals(1008, closes.get(0).getCloseCode().getCode());
        assertEquals(List.of(CloseReason.SLOW_CONSUMER), heard);
        assertEquals(0, table.size());
        assertFalse(f.sendBytes(text("late")), "a closed flow refuses at once");
    }

    @Test
    void failedSend_closesTheFlowAsTransportError() {
        SessionChannel channel = new SessionChannel(session(), 1024);
        WebSocketFlow f = flow(channel, new FlowTable());
        f.sendBytes(text("one"));
        pending.remove(0).onResult(new SendResult(new java.io.IOException("broken pipe")));
        assertEquals(Optional.of(CloseReason.TRANSPORT_ERROR), f.closeReason());
        assertEquals(0, channel.queuedBytes());
    }

    @Test
    void invalidUtf8_goesAsBinary() {
        SessionChannel channel = new SessionChannel(session(), 1024);
        WebSocketFlow f = flow(channel, new FlowTable());
        f.sendBytes(ByteBuffer.wrap(new byte[] {'S', 'I', 'P', (byte) 0xff}));
        assertTrue(sentText.isEmpty());
        assertEquals(1, pending.size());
    }
}
