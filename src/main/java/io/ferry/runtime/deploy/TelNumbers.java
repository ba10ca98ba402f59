package io.ferry.runtime.deploy;

/** The {@code tel} value of the rule language: a phone number without visual separators. */
final class TelNumbers {

    private TelNumbers() {
    }

    /**
     * Removes visual separators (RFC 3966 §5.1.1: {@code - . ( )}), blanks and a leading
     * {@code +}, as JSR 289's mapping rules do for the {@code tel} variables.
     */
    static String strip(String number) {
        StringBuilder sb = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == '-' || c == '.' || c == '(' || c == ')' || c == ' ' || c == '\t') continue;
            if (c == '+' && sb.isEmpty()) continue;
            sb.append(c);
        }
        return sb.toString();
    }
}
