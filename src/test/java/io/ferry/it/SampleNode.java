package io.ferry.it;

import java.util.List;
import java.util.Optional;

/**
 * The test deployments of the sample SIP applications: one node each, because the DAR routes by
 * method only. Shared by the ITs that deploy them and by {@link SampleNodeTest}, which checks
 * without a server that each one is a valid JSR 289 deployment.
 *
 * @param app      the deployment (context root, node id)
 * @param dar      the DAR file under src/test/resources/sipapps
 * @param packages the test packages added to Ferry's WAR (with their subpackages)
 * @param sipXml   a file under src/test/resources/sipapps that becomes WEB-INF/sip.xml
 */
record SampleNode(String app, String dar, List<String> packages, Optional<String> sipXml) {

    static final SampleNode UAS = new SampleNode("ferry-sipuas", "uas.dar.properties", List.of("io.ferry.sipapps.uas"), Optional.empty());
    static final SampleNode UAC = new SampleNode("ferry-sipuac", "uac.dar.properties", List.of("io.ferry.sipapps.uac"), Optional.empty());
    static final SampleNode SESSIONS = new SampleNode("ferry-sipsessions", "sessions.dar.properties",
            List.of("io.ferry.sipapps.timers", "io.ferry.sipapps.listeners"), Optional.empty());
    static final SampleNode INJECTION = new SampleNode("ferry-sipinjection", "injection.dar.properties",
            List.of("io.ferry.sipapps.injection"), Optional.empty());
    static final SampleNode COMPOSITION = new SampleNode("ferry-sipcomposition", "composition.dar.properties",
            List.of("io.ferry.sipapps.composition"), Optional.empty());
    static final SampleNode MAPPING = new SampleNode("ferry-sipmapping", "mapping.dar.properties",
            List.of("io.ferry.sipapps.mapping"), Optional.of("mapping.sip.xml"));
    static final SampleNode B2BUA = new SampleNode("ferry-sipb2bua", "b2bua.dar.properties", List.of("io.ferry.sipapps.b2bua"), Optional.empty());
    static final SampleNode PROXY = new SampleNode("ferry-sipproxy", "proxy.dar.properties", List.of("io.ferry.sipapps.proxy"), Optional.empty());
    static final SampleNode HELLO = new SampleNode("ferry-hello", "hello.dar.properties", List.of("com.example.hello"), Optional.empty());

    static final List<SampleNode> ALL = List.of(UAS, UAC, SESSIONS, INJECTION, COMPOSITION, MAPPING, B2BUA, PROXY, HELLO);

    SipAppDeployment deploy() {
        return SipAppDeployment.deploy(app, dar, packages, sipXml);
    }
}
