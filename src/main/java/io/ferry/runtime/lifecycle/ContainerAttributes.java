package io.ferry.runtime.lifecycle;

import io.ferry.flow.SipFlows;
import java.util.List;
import java.util.Optional;

/**
 * What the container tells every SIP application through ServletContext attributes, besides the
 * application's own services (JSR 289 ServletContext attributes, {@code SipServlet} constants).
 *
 * @param supported          option tags ({@code javax.servlet.sip.supported})
 * @param supportedRfcs      RFC numbers as strings ({@code javax.servlet.sip.supportedRfcs})
 * @param outboundInterfaces the node's listening points ({@code javax.servlet.sip.outboundInterfaces})
 * @param flows              the flow directory of Ferry's flow extension ({@link SipFlows#CONTEXT_ATTRIBUTE}),
 *                           absent when the container offers none
 */
public record ContainerAttributes(List<String> supported, List<String> supportedRfcs,
                                  List<OutboundInterface> outboundInterfaces, Optional<SipFlows> flows) {

    /** One listening point: {@code sip:host:port;transport=...}. */
    public record OutboundInterface(String host, int port, String transport) {
        public OutboundInterface {
            if (host == null || host.isBlank()) throw new IllegalArgumentException("empty host");
            if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
            if (transport == null || transport.isBlank()) throw new IllegalArgumentException("empty transport");
        }
    }

    public ContainerAttributes {
        supported = List.copyOf(supported);
        supportedRfcs = List.copyOf(supportedRfcs);
        outboundInterfaces = List.copyOf(outboundInterfaces);
        flows = flows == null ? Optional.empty() : flows;
    }
}
