package io.ferry.runtime.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;

/**
 * The DAR configuration Ferry uses when the deployer configures none: every method that can start
 * a dialog or stand alone goes to the WAR's SIP applications in the given order, in the NEUTRAL
 * region, without subscriber and without route. JSR 289 Appendix C itself would select no
 * application at all without a configuration; Ferry's choice lets a WAR with one SIP application
 * work without a DAR file. With several applications the order is the model's (by name), which
 * the deployer should replace by a DAR file.
 */
public final class ImplicitDarConfiguration {

    /**
     * The methods routed: RFC 3261 §7.1 methods that can be initial requests (ACK and CANCEL never
     * reach the router: the transaction layer and the container handle them) and the extension
     * methods of RFC 3262, 3265/6665, 3311, 3428, 3515, 3903 and 6086.
     */
    public static final List<String> METHODS = List.of("INVITE", "REGISTER", "OPTIONS", "BYE", "MESSAGE", "SUBSCRIBE",
            "NOTIFY", "PUBLISH", "REFER", "INFO", "UPDATE", "PRACK");

    private ImplicitDarConfiguration() {
    }

    /** Every method of {@link #METHODS} to {@code applications}, in order. */
    public static DarConfiguration forApplications(List<String> applications) {
        Map<String, List<DarRule>> rules = new LinkedHashMap<>();
        for (String method : METHODS) {
            List<DarRule> list = new ArrayList<>();
            for (int i = 0; i < applications.size(); i++) {
                list.add(new DarRule(applications.get(i), "", SipApplicationRoutingRegion.NEUTRAL_REGION, "",
                        SipRouteModifier.NO_ROUTE, Integer.toString(i)));
            }
            if (!list.isEmpty()) rules.put(method, list);
        }
        return DarConfiguration.of(rules);
    }
}
