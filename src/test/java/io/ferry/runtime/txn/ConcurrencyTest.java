package io.ferry.runtime.txn;

import static io.ferry.runtime.txn.TransactionFixtures.invite;
import static io.ferry.runtime.txn.TransactionFixtures.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The threading model: copies of one request on several threads make one transaction; a timer
 * and a response racing for one transaction end it exactly once. Threads start together on a
 * latch; nothing sleeps.
 */
class ConcurrencyTest {

    private static final int THREADS = 4;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private void race(List<Runnable> tasks) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<?>> fs = new ArrayList<>();
        for (Runnable t : tasks) {
            fs.add(pool.submit(() -> {
                gate.await();
                t.run();
                return null;
            }));
        }
        gate.countDown();
        for (Future<?> f : fs) f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void rfc3261_17_2_3_concurrentCopiesOfARequest_makeOneTransaction() throws Exception {
        for (int round = 0; round < 200; round++) {
            TransactionFixtures fx = new TransactionFixtures();
            FakeFlow udp = fx.udp();
            fx.user.onRequest = (t, r) -> t.respond(r.createResponse(200, null));
            List<Runnable> copies = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) copies.add(() -> fx.layer.onRequest(udp.flow(), options()));
            race(copies);
            assertEquals(1, fx.user.of(FakeTransactionUser.Request.class).size(), "round " + round);
            assertEquals(1, fx.layer.serverTransactionCount());
            List<String> sent = udp.channel().summary();
            assertTrue(sent.stream().allMatch("200"::equals) && !sent.isEmpty(), sent.toString());
            assertFalse(fx.user.calledUnderMonitor);
        }
    }

    @Test
    void rfc3261_8_2_2_2_racingMergedRequests_oneReachesTheTu_theOtherGets482() throws Exception {
        for (int round = 0; round < 200; round++) {
            TransactionFixtures fx = new TransactionFixtures();
            FakeFlow a = fx.udp();
            FakeFlow b = fx.udp();
            fx.user.onRequest = (t, r) -> t.respond(r.createResponse(200, null));
            // one OPTIONS forked by two proxies: same From tag, Call-ID and CSeq, other branches
            SipRequest viaA = TransactionFixtures.request("OPTIONS", "sip:bob@biloxi.example.com", "proxy1.example.com",
                    "z9hG4bKfork1", null, TransactionFixtures.FROM_TAG, 63104);
            SipRequest viaB = TransactionFixtures.request("OPTIONS", "sip:bob@biloxi.example.com", "proxy2.example.com",
                    "z9hG4bKfork2", null, TransactionFixtures.FROM_TAG, 63104);
            race(List.of(() -> fx.layer.onRequest(a.flow(), viaA), () -> fx.layer.onRequest(b.flow(), viaB)));
            assertEquals(1, fx.user.of(FakeTransactionUser.Request.class).size(), "round " + round);
            List<String> sent = new ArrayList<>(a.channel().summary());
            sent.addAll(b.channel().summary());
            sent.sort(null);
            assertEquals(List.of("200", "482"), sent, "round " + round);
            assertEquals(1, fx.layer.counters().snapshot().merged());
        }
    }

    @Test
    void rfc3261_17_1_1_2_timerBRacingAFinalResponse_endsTheTransactionOnce() throws Exception {
        for (int round = 0; round < 200; round++) {
            TransactionFixtures fx = new TransactionFixtures();
            FakeFlow tcp = fx.tcp();
            ClientTransaction txn = fx.layer.sendRequest(invite(), tcp.flow());
            fx.advanceMillis(31_999);
            SipResponse busy = ((SipRequest) tcp.channel().message(0)).createResponse(486, null);
            race(List.of(() -> fx.advance(Duration.ofMillis(1)), () -> fx.layer.onResponse(tcp.flow(), busy)));
            int finals = fx.user.responseStatuses().size();
            int failures = fx.user.clientFailures().size();
            assertEquals(1, finals + failures, "round " + round + ": exactly one outcome for the TU");
            assertEquals(TransactionState.TERMINATED, txn.state(), "Timer D is zero on TCP");
            assertEquals(1, fx.user.of(FakeTransactionUser.Terminated.class).size());
            assertEquals(0, fx.layer.clientTransactionCount());
        }
    }

    @Test
    void rfc5626_flowCloseRacingResponses_leavesNothingBehind() throws Exception {
        for (int round = 0; round < 200; round++) {
            TransactionFixtures fx = new TransactionFixtures();
            FakeFlow tcp = fx.tcp();
            List<ClientTransaction> txns = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                txns.add(fx.layer.sendRequest(TransactionFixtures.request("OPTIONS", "z9hG4bKr" + i, null, i), tcp.flow()));
            }
            List<Runnable> tasks = new ArrayList<>();
            tasks.add(tcp::peerClosed);
            for (int i = 0; i < 3; i++) {
                List<ClientTransaction> part = txns.subList(i * 2, i * 2 + 2);
                tasks.add(() -> {
                    for (ClientTransaction t : part) fx.layer.onResponse(tcp.flow(), t.request().createResponse(200, null));
                });
            }
            race(tasks);
            for (ClientTransaction t : txns) assertEquals(TransactionState.TERMINATED, t.state());
            assertEquals(8, fx.user.responseStatuses().size() + fx.user.clientFailures().size(), "round " + round);
            assertEquals(0, fx.layer.clientTransactionCount());
            assertEquals(0, fx.clock.pending());
        }
    }
}
