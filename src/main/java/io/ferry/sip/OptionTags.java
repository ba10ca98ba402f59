package io.ferry.sip;

import java.util.ArrayList;
import java.util.List;

/**
 * The option tags of Supported, Require, Proxy-Require or Unsupported (RFC 3261 §19.2, §20.37).
 *
 * @param tags the tags in order, as written
 */
public record OptionTags(List<String> tags) {

    private static final OptionTags NONE = new OptionTags(List.of());

    public OptionTags {
        tags = List.copyOf(tags);
    }

    public static OptionTags none() {
        return NONE;
    }

    static OptionTags parse(List<HeaderField> fields, String reason, String rule) throws SipParseException {
        if (fields.isEmpty()) return NONE;
        List<String> out = new ArrayList<>(4);
        for (HeaderField f : fields) {
            String v = f.value();
            int[] r = ValueSplitter.split(v);
            for (int i = 0; i < r.length; i += 2) {
                for (int k = r[i]; k < r[i + 1]; k++) {
                    if (!SipChars.isToken(v.charAt(k))) {
                        int base = f.offset();
                        throw new SipParseException(SipParseFailure.BAD_HEADER_VALUE, reason, rule + ": option-tag is not a token", base < 0 ? -1 : base + k);
                    }
                }
                out.add(v.substring(r[i], r[i + 1]));
            }
        }
        return new OptionTags(out);
    }

    /** True when {@code tag} is listed (case-insensitive). */
    public boolean contains(String tag) {
        for (String t : tags) if (SipChars.equalsIgnoreCase(t, tag)) return true;
        return false;
    }

    public boolean isEmpty() {
        return tags.isEmpty();
    }

    @Override
    public String toString() {
        return String.join(", ", tags);
    }
}
