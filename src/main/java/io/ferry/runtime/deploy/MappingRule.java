package io.ferry.runtime.deploy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A condition of the servlet-mapping rule language (JSR 289 mapping rules, sip-app 1.1 schema
 * {@code <pattern>}): the operators {@code equal}, {@code contains}, {@code exists} and
 * {@code subdomain-of} over a {@link RuleVariable}, combined with {@code and}, {@code or} and
 * {@code not}. A condition on a variable that the request does not define is false.
 */
public sealed interface MappingRule {

    /** Evaluates this condition against the variable values of one request. */
    boolean matches(RuleContext request);

    /** {@code <and>}: true when every operand is true. */
    record And(List<MappingRule> operands) implements MappingRule {
        public And {
            operands = List.copyOf(operands);
            if (operands.isEmpty()) throw new IllegalArgumentException("and without operands");
        }

        @Override
        public boolean matches(RuleContext request) {
            for (MappingRule r : operands) if (!r.matches(request)) return false;
            return true;
        }
    }

    /** {@code <or>}: true when at least one operand is true. */
    record Or(List<MappingRule> operands) implements MappingRule {
        public Or {
            operands = List.copyOf(operands);
            if (operands.isEmpty()) throw new IllegalArgumentException("or without operands");
        }

        @Override
        public boolean matches(RuleContext request) {
            for (MappingRule r : operands) if (r.matches(request)) return true;
            return false;
        }
    }

    /** {@code <not>}: the negation of its single operand. */
    record Not(MappingRule operand) implements MappingRule {
        public Not {
            if (operand == null) throw new IllegalArgumentException("not without operand");
        }

        @Override
        public boolean matches(RuleContext request) {
            return !operand.matches(request);
        }
    }

    /** {@code <equal>}: the variable's value equals {@code value}, optionally ignoring case. */
    record Equal(RuleVariable variable, String value, boolean ignoreCase) implements MappingRule {
        public Equal {
            if (variable == null || value == null) throw new IllegalArgumentException("equal needs var and value");
        }

        @Override
        public boolean matches(RuleContext request) {
            Optional<String> v = request.value(variable);
            return v.isPresent() && (ignoreCase ? v.get().equalsIgnoreCase(value) : v.get().equals(value));
        }
    }

    /** {@code <contains>}: the variable's value contains {@code value}, optionally ignoring case. */
    record Contains(RuleVariable variable, String value, boolean ignoreCase) implements MappingRule {
        public Contains {
            if (variable == null || value == null) throw new IllegalArgumentException("contains needs var and value");
        }

        @Override
        public boolean matches(RuleContext request) {
            Optional<String> v = request.value(variable);
            if (v.isEmpty()) return false;
            if (!ignoreCase) return v.get().contains(value);
            return v.get().toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
        }
    }

    /** {@code <exists>}: the request defines the variable. */
    record Exists(RuleVariable variable) implements MappingRule {
        public Exists {
            if (variable == null) throw new IllegalArgumentException("exists needs var");
        }

        @Override
        public boolean matches(RuleContext request) {
            return request.value(variable).isPresent();
        }
    }

    /**
     * {@code <subdomain-of>}. For a domain variable: the host equals {@code value} or ends with
     * {@code "." + value}, compared without case as DNS names are; an IP address matches only
     * exactly. For a {@code …tel} variable: the number, visual separators removed, starts with
     * the digits of {@code value} (JSR 289 mapping rules: "1 212 555 1212" is a subdomain of "1212555").
     */
    record SubdomainOf(RuleVariable variable, String value) implements MappingRule {
        public SubdomainOf {
            if (variable == null || value == null) throw new IllegalArgumentException("subdomain-of needs var and value");
        }

        @Override
        public boolean matches(RuleContext request) {
            Optional<String> v = request.value(variable);
            if (v.isEmpty()) return false;
            if (variable.part().isTel()) {
                String prefix = TelNumbers.strip(value);
                return !prefix.isEmpty() && TelNumbers.strip(v.get()).startsWith(prefix);
            }
            String host = normaliseHost(v.get());
            String domain = normaliseHost(value);
            if (domain.isEmpty()) return false;
            if (isIpAddress(host) || isIpAddress(domain)) return host.equals(domain);
            return host.equals(domain) || host.endsWith("." + domain);
        }

        private static String normaliseHost(String h) {
            String s = h.strip().toLowerCase(Locale.ROOT);
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }

        /** An IP literal, or anything whose last label is numeric (RFC 3696 §2: no all-numeric TLD). */
        private static boolean isIpAddress(String h) {
            if (h.startsWith("[") || h.indexOf(':') >= 0) return true;   // IPv6 reference or address
            String last = h.substring(h.lastIndexOf('.') + 1);
            if (last.isEmpty()) return false;
            for (int i = 0; i < last.length(); i++) if (last.charAt(i) < '0' || last.charAt(i) > '9') return false;
            return true;
        }
    }
}
