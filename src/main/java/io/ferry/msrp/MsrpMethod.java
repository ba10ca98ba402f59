package io.ferry.msrp;

/**
 * An MSRP request method: SEND and REPORT (RFC 4975), AUTH (RFC 4976), NICKNAME (RFC 7701) or any
 * extension token (RFC 4975 §9 other-method = 1*UPALPHA).
 */
public record MsrpMethod(String name) {
    public static final MsrpMethod SEND = new MsrpMethod("SEND");
    public static final MsrpMethod REPORT = new MsrpMethod("REPORT");
    public static final MsrpMethod AUTH = new MsrpMethod("AUTH");
    public static final MsrpMethod NICKNAME = new MsrpMethod("NICKNAME");

    public MsrpMethod {
        if (name == null || name.isEmpty()) throw new MsrpParseException(MsrpViolation.METHOD_INVALID, -1, "empty method");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 'A' || c > 'Z') throw new MsrpParseException(MsrpViolation.METHOD_INVALID, i, name);
        }
    }

    /** The method for a token, reusing the constants for the known ones. */
    public static MsrpMethod of(String name) {
        return switch (name) {
            case "SEND" -> SEND;
            case "REPORT" -> REPORT;
            case "AUTH" -> AUTH;
            case "NICKNAME" -> NICKNAME;
            default -> new MsrpMethod(name);
        };
    }

    /** True for SEND, the only method whose chunks may be interrupted (RFC 4975 §7.1). */
    public boolean isSend() { return "SEND".equals(name); }

    @Override
    public String toString() { return name; }
}
