package io.ferry.runtime.deploy;

import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.URI;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link SipServletRequest} test double (a {@link Proxy}) answering only what the application
 * router reads: {@code getMethod}, {@code getRequestURI}, {@code getFrom}, {@code getTo},
 * {@code getHeader} and {@code getAddressHeader}. Anything else throws, so a test notices when the
 * router starts reading more.
 */
final class FakeSipServletRequest {

    private FakeSipServletRequest() {
    }

    /** A request with {@code method}, {@code requestUri} and headers given as name, value, name, value… */
    static SipServletRequest of(String method, String requestUri, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) h.put(headers[i].toLowerCase(), headers[i + 1]);
        return (SipServletRequest) Proxy.newProxyInstance(FakeSipServletRequest.class.getClassLoader(),
                new Class<?>[] {SipServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> uri(requestUri);
                    case "getFrom" -> address(h.get("from"));
                    case "getTo" -> address(h.get("to"));
                    case "getHeader" -> h.get(((String) args[0]).toLowerCase());
                    case "getAddressHeader" -> {
                        String v = h.get(((String) args[0]).toLowerCase());
                        if (v != null && v.indexOf(':') < 0) throw new ServletParseException("not an address: " + v);
                        yield address(v);
                    }
                    case "toString" -> method + " " + requestUri;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("FakeSipServletRequest." + m.getName());
                });
    }

    /** {@code "Name" <uri>;params}, {@code <uri>} or a bare URI; the URI is what lies between {@code <>} or before {@code ;}. */
    private static Address address(String value) {
        if (value == null) return null;
        int lt = value.indexOf('<');
        String u = lt >= 0 ? value.substring(lt + 1, value.indexOf('>', lt)) : value.split(";", 2)[0].strip();
        URI uri = uri(u);
        return (Address) Proxy.newProxyInstance(FakeSipServletRequest.class.getClassLoader(),
                new Class<?>[] {Address.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getURI" -> uri;
                    case "toString" -> value;
                    case "hashCode" -> value.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("Address." + m.getName());
                });
    }

    private static URI uri(String text) {
        return (URI) Proxy.newProxyInstance(FakeSipServletRequest.class.getClassLoader(),
                new Class<?>[] {URI.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getScheme" -> text.substring(0, text.indexOf(':'));
                    case "toString" -> text;
                    case "hashCode" -> text.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("URI." + m.getName());
                });
    }
}
