package io.ferry.runtime;

import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.FlowIds;
import io.ferry.runtime.transport.FlowTable;
import io.ferry.runtime.transport.SipInbound;
import io.ferry.runtime.transport.SipMessageHandler;
import io.ferry.runtime.txn.TransactionConfig;
import io.ferry.runtime.txn.TransactionLayer;
import io.ferry.runtime.txn.TransactionUser;
import io.ferry.runtime.txn.WheelTimerScheduler;
import io.ferry.sip.SanityCheck;
import io.ferry.sip.SipLimits;
import java.util.Set;
import io.ferry.sip.SipParser;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;

/**
 * The lower half of the SIP runtime on one node: the flow table, the inbound path (parse, reject,
 * keepalive, Via stamping) and the transaction layer with its timer wheel, in front of one
 * transaction user. Transports (WebSocket, Netty) feed {@link #inbound()}. Closing it stops the
 * timers and fails what is pending.
 */
public final class SipStack implements AutoCloseable {

    private final FlowTable flows = new FlowTable();
    private final FlowIds flowIds = new FlowIds();
    private final WheelTimerScheduler timers = new WheelTimerScheduler();
    private final TransactionLayer transactions;
    private final SipInbound inbound;

    public SipStack(String host, SipLimits limits, TransactionConfig transactionConfig, TransactionUser user) {
        this.transactions = new TransactionLayer(transactionConfig, timers, user);
        flows.addListener(transactions);
        TransactionLayer layer = transactions;
        SanityCheck sanity = new SanityCheck(host, Set.of(), SanityCheck.DEFAULT_SCHEMES, limits.maxMessageBytes());
        this.inbound = new SipInbound(new SipParser(limits), sanity, new SipMessageHandler() {
            @Override
            public void onRequest(Flow flow, SipRequest request) {
                layer.onRequest(flow, request);
            }

            @Override
            public void onResponse(Flow flow, SipResponse response) {
                layer.onResponse(flow, response);
            }
        });
    }

    public FlowTable flows() {
        return flows;
    }

    public FlowIds flowIds() {
        return flowIds;
    }

    public SipInbound inbound() {
        return inbound;
    }

    public TransactionLayer transactions() {
        return transactions;
    }

    @Override
    public void close() {
        transactions.close();
        timers.close();
    }
}
