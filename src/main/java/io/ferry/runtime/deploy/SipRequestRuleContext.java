package io.ferry.runtime.deploy;

import io.ferry.sip.NameAddr;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipUri;
import io.ferry.sip.TelUri;
import io.ferry.sip.Uri;

import java.util.Optional;

/**
 * The rule-language variables (JSR 289 servlet mapping rules) of an {@link SipRequest}. A part that does not
 * parse (a malformed From, an unparsable Request-URI) defines none of its sub-variables; the whole
 * value as written ({@code request.uri}, {@code request.from}) is still defined.
 */
public final class SipRequestRuleContext implements RuleContext {

    private final SipRequest request;

    private SipRequestRuleContext(SipRequest request) {
        this.request = request;
    }

    /** The variables of {@code request}. */
    public static SipRequestRuleContext of(SipRequest request) {
        if (request == null) throw new IllegalArgumentException("request is null");
        return new SipRequestRuleContext(request);
    }

    @Override
    public Optional<String> value(RuleVariable variable) {
        return switch (variable.subject()) {
            case METHOD -> Optional.of(request.method());
            case REQUEST_URI -> variable.part() == RuleVariable.Part.URI
                    ? Optional.of(request.requestUriText())
                    : requestUri().flatMap(u -> uriValue(u, variable));
            case FROM -> address("From", variable);
            case TO -> address("To", variable);
        };
    }

    private Optional<Uri> requestUri() {
        try {
            return Optional.of(request.requestUri());
        } catch (SipParseException e) {
            return Optional.empty();
        }
    }

    private Optional<String> address(String header, RuleVariable variable) {
        if (variable.part() == RuleVariable.Part.WHOLE) return request.headers().firstValue(header).map(String::strip);
        Optional<NameAddr> addr;
        try {
            addr = header.equals("From") ? request.from() : request.to();
        } catch (SipParseException e) {
            return Optional.empty();
        }
        if (addr.isEmpty() || addr.get().isWildcard()) return Optional.empty();
        NameAddr a = addr.get();
        if (variable.part() == RuleVariable.Part.DISPLAY_NAME) {
            String d = a.displayNameUnquoted();
            return d == null || d.isEmpty() ? Optional.empty() : Optional.of(d);
        }
        return uriValue(a.uri(), variable);
    }

    /** The URI properties of JSR 289 mapping rules (scheme, user, host, port, tel, param.name). */
    static Optional<String> uriValue(Uri uri, RuleVariable variable) {
        RuleVariable.Part part = variable.part();
        if (part == RuleVariable.Part.URI) return Optional.of(uri.toString());
        if (part == RuleVariable.Part.URI_SCHEME) return Optional.of(uri.scheme());
        if (uri instanceof SipUri s) {
            return switch (part) {
                case URI_USER -> s.user() == null || s.user().isEmpty() ? Optional.empty() : Optional.of(s.userDecoded());
                case URI_HOST -> Optional.of(s.host());
                // JSR 289 mapping rules: an absent port is the scheme's default
                case URI_PORT -> Optional.of(Integer.toString(s.port() >= 0 ? s.port() : s.secure() ? 5061 : 5060));
                case URI_TEL -> sipUriTel(s);
                case URI_PARAM -> s.params().get(variable.param());
                default -> Optional.empty();
            };
        }
        if (uri instanceof TelUri t) {
            return switch (part) {
                case URI_TEL -> Optional.of(TelNumbers.strip(t.number()));
                case URI_PARAM -> t.params().get(variable.param());
                default -> Optional.empty();
            };
        }
        return Optional.empty();   // other schemes define only the URI and its scheme
    }

    /** JSR 289 mapping rules: {@code tel} of a SIP URI is defined only with {@code user=phone}. */
    private static Optional<String> sipUriTel(SipUri s) {
        String user = s.params().value("user");
        if (user == null || !user.equalsIgnoreCase("phone") || s.user() == null) return Optional.empty();
        String number = s.userDecoded();
        int semi = number.indexOf(';');   // RFC 3261 §19.1.1: telephone-subscriber parameters follow ';'
        if (semi >= 0) number = number.substring(0, semi);
        String digits = TelNumbers.strip(number);
        return digits.isEmpty() ? Optional.empty() : Optional.of(digits);
    }
}
