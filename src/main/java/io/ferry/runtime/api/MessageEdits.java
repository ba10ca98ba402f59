package io.ferry.runtime.api;

import io.ferry.sip.CSeq;
import io.ferry.sip.ContentType;
import io.ferry.sip.HeaderField;
import io.ferry.sip.Headers;
import io.ferry.sip.NameAddr;
import io.ferry.sip.SipLimits;
import io.ferry.sip.SipMessage;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import io.ferry.sip.SipSerializer;
import java.io.UnsupportedEncodingException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import javax.servlet.sip.Address;
import javax.servlet.sip.Parameterable;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipServletMessage.HeaderForm;

/**
 * The header and content model of a {@code SipServletMessage}: a mutable view over an immutable
 * {@link SipMessage}. Every edit replaces the current immutable message by a copy, so fields that
 * are not edited keep their original bytes; {@link #toMessage()} gives the message to send.
 *
 * <p>Address and Parameterable values handed out for a header are live: a change to them is
 * written into the message when it is next read or built ({@link #toMessage()}), and only then, and
 * only for the header whose values changed. A string edit of that header ({@link #setHeader} and
 * the like) detaches the objects handed out before it, and so does asking for the same header
 * as the other kind (Address after Parameterable, or the reverse).
 *
 * <p>System headers (the "System Headers" section of the {@code SipServletMessage} javadoc, JSR
 * 289 §5.4.2): From, To, Call-ID, CSeq, Via, Route, Record-Route, Path, RAck, RSeq, and Contact
 * except in REGISTER requests and responses, 3xx and 485 responses and 200 responses to OPTIONS.
 * Setting, adding or removing them throws {@code IllegalArgumentException}; their values are
 * handed out read-only, except From and To whose tag only is locked. Content-Length is not a
 * system header in JSR 289 but Ferry computes it from the content and refuses it too.
 *
 * <p>Once {@link #commit() committed} every change throws {@code IllegalStateException} and values
 * are handed out read-only. Not thread-safe: JSR 289 runs one application session at a time.
 */
public final class MessageEdits {

    private static final Set<String> ALWAYS_SYSTEM = Set.of(
            "from", "to", "call-id", "cseq", "via", "route", "record-route", "path", "rack", "rseq");

    /** Headers whose values are not name-addr or addr-spec (RFC 3261 §20, RFC 3262, 3265, 4028). */
    private static final Set<String> NOT_ADDRESS = Set.of(
            "call-id", "cseq", "via", "max-forwards", "content-length", "content-type", "content-encoding",
            "content-language", "content-disposition", "expires", "min-expires", "allow", "allow-events",
            "supported", "require", "proxy-require", "unsupported", "accept", "accept-encoding",
            "accept-language", "subject", "user-agent", "server", "date", "timestamp", "priority", "event",
            "subscription-state", "rseq", "rack", "session-expires", "min-se", "warning", "organization",
            "www-authenticate", "authorization", "proxy-authenticate", "proxy-authorization",
            "authentication-info", "retry-after", "mime-version", "in-reply-to");

    /** Long name (lower case) to compact form, taken from io.ferry.sip's header table. */
    private static final Map<String, String> COMPACT = compactForms();

    private static final String CONTENT_LENGTH = "content-length";

    private final SipMessage original;
    private final SipLimits limits;
    private SipMessage current;
    /** Live values handed out, by lower-case canonical header name. */
    private final Map<String, Live> live = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new HashMap<>();
    private HeaderForm headerForm = HeaderForm.DEFAULT;
    /** Set by {@link #setCharacterEncoding}; overrides the charset of Content-Type. */
    private String characterEncoding;
    private boolean committed;

    /** Values of one header handed out as objects, and the text they had when last written. */
    private static final class Live {
        final String fieldName;
        final boolean address;
        final List<Parameterable> values;
        List<String> written;

        Live(String fieldName, boolean address, List<Parameterable> values) {
            this.fieldName = fieldName;
            this.address = address;
            this.values = values;
            this.written = texts(values);
        }
    }

    /** A view over {@code original} with the default limits. */
    public MessageEdits(SipMessage original) {
        this(original, SipLimits.defaults());
    }

    /**
     * A view over {@code original}; {@code limits} bound the content set by {@link #setContent}
     * ({@code maxContentLength}, and {@code maxMessageBytes} for the whole message).
     */
    public MessageEdits(SipMessage original, SipLimits limits) {
        this.original = Objects.requireNonNull(original, "original");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.current = original;
    }

    /** The message this view started from. */
    public SipMessage original() {
        return original;
    }

    /**
     * The message with every edit applied, for the transport: fields never edited keep their
     * original bytes, Content-Length matches the content, and the header form is applied.
     */
    public SipMessage toMessage() {
        flushAll();
        return applyForm(current);
    }

    /**
     * The container's own edit, which system-header rules do not restrict (Request-URI, status,
     * tags, Via, Route, Contact): {@code change} maps the message with every pending edit applied
     * to its next version. Values handed out for headers the change touches are detached.
     *
     * @throws IllegalStateException when committed
     */
    public void containerEdit(java.util.function.UnaryOperator<SipMessage> change) {
        checkNotCommitted();
        flushAll();
        SipMessage next = Objects.requireNonNull(change.apply(current), "edited message");
        live.keySet().removeIf(name -> !next.headers().values(name).equals(current.headers().values(name)));
        current = next;
    }

    // ---- committed state

    /**
     * Marks the message committed (sent, or a final response generated for it): later changes throw
     * {@code IllegalStateException}; values handed out before no longer reach the message.
     */
    public void commit() {
        flushAll();
        committed = true;
        live.clear();
    }

    public boolean isCommitted() {
        return committed;
    }

    private void checkNotCommitted() {
        if (committed) throw new IllegalStateException("JSR 289: the message is committed and cannot be modified");
    }

    // ---- system headers

    /** True when {@code name} is a system header of this message (JSR 289 §5.4.2). */
    public boolean isSystemHeader(String name) {
        String key = key(name);
        if (ALWAYS_SYSTEM.contains(key)) return true;
        return key.equals("contact") && contactIsSystem();
    }

    private boolean contactIsSystem() {
        String method = getMethod();
        if ("REGISTER".equals(method)) return false;
        if (current instanceof SipResponse r) {
            int s = r.status();
            return !(s / 100 == 3 || s == 485 || (s == 200 && "OPTIONS".equals(method)));
        }
        return true;
    }

    /** Checks a string or object edit of {@code name}; returns the lower-case canonical name. */
    private String checkHeaderWritable(String name) {
        Objects.requireNonNull(name, "name");
        checkNotCommitted();
        String key = key(name);
        if (isSystemHeader(name)) throw new IllegalArgumentException("JSR 289 §5.4.2: " + name + " is a system header");
        if (key.equals(CONTENT_LENGTH)) {
            throw new IllegalArgumentException("Content-Length is computed from the content; use setContent");
        }
        return key;
    }

    // ---- string headers

    /** The first value of header {@code name} (long or compact name), or null. */
    public String getHeader(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * All values of header {@code name}, comma-separated lists split for list headers. Changes
     * through the iterator rewrite the header; for a system header they throw
     * {@code IllegalStateException}.
     */
    public ListIterator<String> getHeaders(String name) {
        List<String> values = new ArrayList<>(values(name));
        String fieldName = fieldName(name);
        return new EditIterator<>(values, () -> checkIteratorEdit(name), o -> {
            String v = (String) o;
            HeaderField.of(fieldName, v); // IllegalArgumentException for CR or LF
            return v;
        }, () -> {
            detach(name);
            current = replaceAll(current, fieldName, values);
        });
    }

    /** The canonical names of the headers present, each once, in order of appearance. */
    public Iterator<String> getHeaderNames() {
        flushAll();
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (HeaderField f : current.headers()) {
            String c = f.canonicalName();
            if (seen.add(c.toLowerCase(Locale.ROOT))) out.add(c);
        }
        return Collections.unmodifiableList(out).iterator();
    }

    /** Replaces every field of {@code name} by {@code name: value}. */
    public void setHeader(String name, String value) {
        Objects.requireNonNull(value, "value");
        checkHeaderWritable(name);
        detach(name);
        current = current.withHeader(name, value);
    }

    /** Adds {@code name: value} after the last field of that name (at the end when there is none). */
    public void addHeader(String name, String value) {
        Objects.requireNonNull(value, "value");
        checkHeaderWritable(name);
        detach(name);
        current = insertField(current, HeaderField.of(name, value), false);
    }

    /** Removes every field of {@code name}. */
    public void removeHeader(String name) {
        checkHeaderWritable(name);
        detach(name);
        current = current.withoutHeader(name);
    }

    /** For iterator edits: committed or system header is {@code IllegalStateException} (javadoc of getHeaders). */
    private void checkIteratorEdit(String name) {
        checkNotCommitted();
        if (isSystemHeader(name)) throw new IllegalStateException("JSR 289 §5.4.2: " + name + " is a system header");
        if (key(name).equals(CONTENT_LENGTH)) throw new IllegalStateException("Content-Length is computed from the content");
    }

    private List<String> values(String name) {
        Objects.requireNonNull(name, "name");
        if (!isToken(name)) return List.of();
        flushAll();
        return current.headers().values(name);
    }

    // ---- header form

    public HeaderForm getHeaderForm() {
        return headerForm;
    }

    /** COMPACT or LONG rewrite every header name that has both forms in {@link #toMessage()}; DEFAULT keeps them as written. */
    public void setHeaderForm(HeaderForm form) {
        Objects.requireNonNull(form, "form");
        checkNotCommitted();
        headerForm = form;
    }

    private SipMessage applyForm(SipMessage m) {
        if (headerForm == HeaderForm.DEFAULT) return m;
        Headers h = m.headers();
        boolean changed = false;
        for (int i = 0; i < h.size(); i++) {
            HeaderField f = h.get(i);
            String longName = f.canonicalName();
            String compact = COMPACT.get(longName.toLowerCase(Locale.ROOT));
            if (compact == null) continue;
            String want = headerForm == HeaderForm.COMPACT ? compact : longName;
            if (!f.name().equals(want)) {
                h = h.replace(i, HeaderField.of(want, f.value()));
                changed = true;
            }
        }
        return changed ? m.withHeaders(h) : m;
    }

    // ---- address and parameterable headers

    /** The first value of {@code name} as an Address, or null. From and To are the values of {@link #getFrom()}/{@link #getTo()}. */
    public Address getAddressHeader(String name) throws ServletParseException {
        Live l = materialize(name, true);
        return l.values.isEmpty() ? null : (Address) l.values.get(0);
    }

    /**
     * All values of {@code name} as Addresses. For a non-system header, {@code set} and {@code add}
     * take Addresses (copies are stored) and every change reaches the message; for a system header
     * every change throws {@code IllegalStateException}.
     */
    @SuppressWarnings("unchecked")
    public ListIterator<Address> getAddressHeaders(String name) throws ServletParseException {
        Live l = materialize(name, true);
        return (ListIterator<Address>) (ListIterator<?>) new EditIterator<>(l.values, () -> checkIteratorEdit(name),
                MessageEdits::adoptAddress, () -> { });
    }

    /** The first value of {@code name} as a Parameterable, or null. */
    public Parameterable getParameterableHeader(String name) throws ServletParseException {
        Live l = materialize(name, false);
        return l.values.isEmpty() ? null : l.values.get(0);
    }

    /** As {@link #getAddressHeaders}, for Parameterable values. */
    public ListIterator<Parameterable> getParameterableHeaders(String name) throws ServletParseException {
        Live l = materialize(name, false);
        return new EditIterator<>(l.values, () -> checkIteratorEdit(name), MessageEdits::adoptParameterable, () -> { });
    }

    /**
     * Replaces every field of {@code name} by {@code addr}.
     *
     * @throws IllegalArgumentException for a system header or a header that does not hold addresses
     */
    public void setAddressHeader(String name, Address addr) {
        Objects.requireNonNull(addr, "addr");
        checkAddressHeader(checkHeaderWritable(name), name);
        String text = adoptAddress(addr).toString();
        detach(name);
        current = current.withHeader(name, text);
    }

    /** Adds {@code addr} as the first or the last value of {@code name}. */
    public void addAddressHeader(String name, Address addr, boolean first) {
        Objects.requireNonNull(addr, "addr");
        checkAddressHeader(checkHeaderWritable(name), name);
        String text = adoptAddress(addr).toString();
        detach(name);
        current = insertField(current, HeaderField.of(name, text), first);
    }

    /** Replaces every field of {@code name} by {@code param}. */
    public void setParameterableHeader(String name, Parameterable param) {
        Objects.requireNonNull(param, "param");
        checkHeaderWritable(name);
        String text = adoptParameterable(param).toString();
        detach(name);
        current = current.withHeader(name, text);
    }

    /** Adds {@code param} as the first or the last value of {@code name}. */
    public void addParameterableHeader(String name, Parameterable param, boolean first) {
        Objects.requireNonNull(param, "param");
        checkHeaderWritable(name);
        String text = adoptParameterable(param).toString();
        detach(name);
        current = insertField(current, HeaderField.of(name, text), first);
    }

    private static void checkAddressHeader(String key, String name) {
        if (NOT_ADDRESS.contains(key)) throw new IllegalArgumentException(name + " does not hold address values");
    }

    /** The From header, live; its tag cannot change (JSR 289 §5.4.2). Null when absent. */
    public Address getFrom() {
        return single("From");
    }

    /** The To header, live; its tag cannot change (JSR 289 §5.4.2). Null when absent. */
    public Address getTo() {
        return single("To");
    }

    private Address single(String name) {
        try {
            return getAddressHeader(name);
        } catch (ServletParseException e) {
            // the sanity checks reject messages with a malformed From or To before they get here
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The header's live values, parsed now unless handed out already as the same kind. */
    private Live materialize(String name, boolean address) throws ServletParseException {
        Objects.requireNonNull(name, "name");
        if (!isToken(name)) throw new ServletParseException("not a header name: " + name);
        String key = key(name);
        Live l = live.get(key);
        if (l != null && l.address == address) return l;
        flushAll();
        live.remove(key);
        Mutability m = mutabilityOf(key, name);
        List<HeaderField> fields = current.headers().all(name);
        String fieldName = fields.isEmpty() ? name : fields.get(0).name();
        List<Parameterable> values = new ArrayList<>();
        if (address) {
            try {
                for (NameAddr a : current.addresses(name, true)) values.add(ServletAddress.of(a, m));
            } catch (SipParseException e) {
                throw parseError(e, e.offset());
            }
        } else {
            for (HeaderField f : fields) {
                for (String v : f.values()) {
                    try {
                        values.add(ServletParameterable.parse(v).copy(m));
                    } catch (SipParseException e) {
                        throw parseError(e, f.offset());
                    }
                }
            }
        }
        l = new Live(fieldName, address, values);
        live.put(key, l);
        return l;
    }

    /** The reason and rule of {@code e}, and the byte offset in the message when known (-1: an edited field). */
    private static ServletParseException parseError(SipParseException e, int offset) {
        String where = offset >= 0 ? " at message offset " + offset : "";
        return new ServletParseException(e.reason() + " (" + e.rule() + ")" + where, e);
    }

    private Mutability mutabilityOf(String key, String name) {
        if (committed) return Mutability.READ_ONLY;
        if (key.equals("from") || key.equals("to")) return Mutability.TAG_LOCKED;
        return isSystemHeader(name) || key.equals(CONTENT_LENGTH) ? Mutability.READ_ONLY : Mutability.MUTABLE;
    }

    private static ServletAddress adoptAddress(Object o) {
        if (o instanceof ServletAddress a) return a.copy(Mutability.MUTABLE);
        if (!(o instanceof Address a)) throw new IllegalArgumentException("JSR 289: values of an address header are Address objects");
        try {
            return ServletAddress.parse(a.toString());
        } catch (SipParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Parameterable adoptParameterable(Object o) {
        if (o instanceof ServletAddress a) return a.copy(Mutability.MUTABLE);
        if (o instanceof ServletParameterable p) return p.copy(Mutability.MUTABLE);
        if (!(o instanceof Parameterable p)) throw new IllegalArgumentException("JSR 289: values of this header are Parameterable objects");
        try {
            return ServletParameterable.parse(p.toString());
        } catch (SipParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Writes the live values that changed since they were last written. No effect once committed. */
    private void flushAll() {
        if (committed) return;
        for (Live l : live.values()) {
            List<String> now = texts(l.values);
            if (!now.equals(l.written)) {
                current = replaceAll(current, l.fieldName, now);
                l.written = now;
            }
        }
    }

    /** Before a string edit of {@code name}: keeps what its live values say, then forgets them. */
    private void detach(String name) {
        flushAll();
        live.remove(key(name));
    }

    private static List<String> texts(List<Parameterable> values) {
        List<String> out = new ArrayList<>(values.size());
        for (Parameterable p : values) out.add(p.toString());
        return out;
    }

    // ---- from the message

    /** Call-ID as written, or null. */
    public String getCallId() {
        return current.callId().orElse(null);
    }

    /** The request method, or for a response the CSeq method (null when CSeq is missing or malformed). */
    public String getMethod() {
        if (current instanceof SipRequest r) return r.method();
        try {
            return current.cseq().map(CSeq::method).orElse(null);
        } catch (SipParseException e) {
            return null;
        }
    }

    public String getProtocol() {
        return current.version();
    }

    /** Expires in seconds, or -1 when absent or not delta-seconds. */
    public int getExpires() {
        String v = getHeader("Expires");
        if (v == null) return -1;
        try {
            long n = Long.parseLong(v.strip());
            return n < 0 ? -1 : (int) Math.min(n, Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code setHeader("Expires", seconds)}; RFC 3261 §20.19 delta-seconds cannot be negative. */
    public void setExpires(int seconds) {
        if (seconds < 0) throw new IllegalArgumentException("RFC 3261 §20.19: Expires is delta-seconds, not " + seconds);
        setHeader("Expires", Integer.toString(seconds));
    }

    // ---- languages

    /** Content-Language as a Locale, or null. */
    public Locale getContentLanguage() {
        String v = getHeader("Content-Language");
        return v == null ? null : Locale.forLanguageTag(v.strip());
    }

    /** Sets Content-Language; null removes it. */
    public void setContentLanguage(Locale locale) {
        if (locale == null) removeHeader("Content-Language");
        else setHeader("Content-Language", locale.toLanguageTag());
    }

    /** The most preferred Accept-Language locale, or the server default when there is none. */
    public Locale getAcceptLanguage() {
        return getAcceptLanguages().next();
    }

    /**
     * Accept-Language locales, most preferred first (q descending, RFC 3261 §20.3; equal q in the
     * order written); q=0 and {@code *} are left out. The server default when none remains.
     */
    public Iterator<Locale> getAcceptLanguages() {
        record Ranked(Locale locale, BigDecimal q) {
        }
        List<Ranked> ranked = new ArrayList<>();
        for (String v : values("Accept-Language")) {
            ServletParameterable p;
            try {
                p = ServletParameterable.parse(v);
            } catch (SipParseException e) {
                continue;
            }
            BigDecimal q = qOf(p);
            if (q.signum() == 0 || p.getValue().equals("*")) continue;
            ranked.add(new Ranked(Locale.forLanguageTag(p.getValue()), q));
        }
        ranked.sort((a, b) -> b.q.compareTo(a.q));
        List<Locale> out = new ArrayList<>();
        for (Ranked r : ranked) out.add(r.locale);
        if (out.isEmpty()) out.add(Locale.getDefault());
        return Collections.unmodifiableList(out).iterator();
    }

    private static BigDecimal qOf(ServletParameterable p) {
        String q = p.getParameter("q");
        if (q == null) return BigDecimal.ONE;
        try {
            return new BigDecimal(q.strip());
        } catch (NumberFormatException e) {
            return BigDecimal.ONE;
        }
    }

    /** Sets Accept-Language to {@code locale}; null removes it. */
    public void setAcceptLanguage(Locale locale) {
        if (locale == null) removeHeader("Accept-Language");
        else setHeader("Accept-Language", locale.toLanguageTag());
    }

    /**
     * Adds {@code locale} with a q below every existing value: half the lowest q, three decimals
     * (RFC 3261 §25.1 qvalue), rounded down but not below 0.001.
     */
    public void addAcceptLanguage(Locale locale) {
        Objects.requireNonNull(locale, "locale");
        checkHeaderWritable("Accept-Language");
        List<String> existing = values("Accept-Language");
        if (existing.isEmpty()) {
            addHeader("Accept-Language", locale.toLanguageTag());
            return;
        }
        BigDecimal min = BigDecimal.ONE;
        for (String v : existing) {
            try {
                BigDecimal q = qOf(ServletParameterable.parse(v));
                if (q.compareTo(min) < 0) min = q;
            } catch (SipParseException e) {
                // a malformed value does not take part in the ranking
            }
        }
        BigDecimal q = min.divide(BigDecimal.valueOf(2), 3, RoundingMode.DOWN).max(new BigDecimal("0.001"));
        addHeader("Accept-Language", locale.toLanguageTag() + ";q=" + q.stripTrailingZeros().toPlainString());
    }

    // ---- content

    /** The Content-Type value, or null. */
    public String getContentType() {
        return getHeader("Content-Type");
    }

    /**
     * Sets Content-Type (null removes it). A charset parameter becomes the character encoding,
     * replacing one set by {@link #setCharacterEncoding}.
     *
     * @throws IllegalArgumentException if the value is not a media type (RFC 3261 §20.15)
     */
    public void setContentType(String type) {
        checkNotCommitted();
        if (type == null) {
            removeHeader("Content-Type");
            return;
        }
        ContentType ct = parseContentType(type);
        setHeader("Content-Type", type);
        if (charsetParam(ct) != null) characterEncoding = null;
    }

    /** The body length, which Content-Length always states. */
    public int getContentLength() {
        return current.bodyLength();
    }

    /**
     * The encoding set by {@link #setCharacterEncoding}, else the charset parameter of Content-Type,
     * else null (then UTF-8 is used, JSR 289).
     */
    public String getCharacterEncoding() {
        if (characterEncoding != null) return characterEncoding;
        String v = getContentType();
        if (v == null) return null;
        try {
            return charsetParam(ContentType.parse(v));
        } catch (SipParseException e) {
            return null;
        }
    }

    /** Overrides the charset used by {@link #getContent()} and {@link #setContent}; null clears it. */
    public void setCharacterEncoding(String enc) throws UnsupportedEncodingException {
        checkNotCommitted();
        if (enc != null) charset(enc);
        characterEncoding = enc;
    }

    /** A copy of the body (empty array when there is none). */
    public byte[] getRawContent() {
        return current.bodyBytes();
    }

    /**
     * The body: a String for text/* types, decoded with {@link #getCharacterEncoding()} or UTF-8;
     * a byte array for other or missing types; null when the body is empty.
     *
     * @throws UnsupportedEncodingException if the charset is unknown to the JVM
     */
    public Object getContent() throws UnsupportedEncodingException {
        if (current.bodyLength() == 0) return null;
        byte[] bytes = current.bodyBytes();
        ContentType ct = currentContentType();
        if (ct == null || !ct.type().equalsIgnoreCase("text")) return bytes;
        String enc = getCharacterEncoding();
        return new String(bytes, enc == null ? StandardCharsets.UTF_8 : charset(enc));
    }

    /**
     * Sets the body, its Content-Type and Content-Length. A byte array is taken as is with any
     * type. A String is encoded with the charset parameter of {@code contentType}, else the
     * encoding set by {@link #setCharacterEncoding} (then added to Content-Type as charset), else
     * UTF-8; any type is accepted for Strings (SDP is text in practice). Another object is written
     * as its {@code toString()} for text/* types only. Null content empties the body.
     *
     * @param contentType the media type, or null to keep the current Content-Type
     * @throws IllegalArgumentException if a non-empty body would have no Content-Type (RFC 3261
     *                                  §20.15), the type is malformed, the object is not handled,
     *                                  or the body exceeds the default limit on content length
     */
    public void setContent(Object content, String contentType) throws UnsupportedEncodingException {
        checkNotCommitted();
        String type = contentType != null ? contentType : getContentType();
        if (content == null) {
            detach("Content-Type");
            current = current.withBody(type, new byte[0]);
            return;
        }
        if (type == null) throw new IllegalArgumentException("RFC 3261 §20.15: a body needs a Content-Type");
        ContentType ct = parseContentType(type);
        int max = limits.maxContentLength();
        byte[] bytes;
        if (content instanceof byte[] b) {
            bytes = b;
        } else if (content instanceof String || ct.type().equalsIgnoreCase("text")) {
            String s = content.toString();
            // every char encodes to at least one byte: refuse before encoding
            if (s.length() > max) throw new IllegalArgumentException("content longer than " + max + " bytes");
            String enc = charsetParam(ct);
            if (enc == null && characterEncoding != null) {
                enc = characterEncoding;
                type = type + ";charset=" + enc;
            }
            bytes = s.getBytes(enc == null ? StandardCharsets.UTF_8 : charset(enc));
        } else {
            throw new IllegalArgumentException("content of type " + content.getClass().getName() + " for " + ct.mediaType()
                    + ": Ferry takes byte[] for any type and String for text");
        }
        if (bytes.length > max) throw new IllegalArgumentException("content longer than " + max + " bytes");
        long size = (long) new SipSerializer().size(current) - current.bodyLength() + bytes.length;
        if (size > limits.maxMessageBytes()) {
            throw new IllegalArgumentException("message would be " + size + " bytes, more than " + limits.maxMessageBytes());
        }
        detach("Content-Type");
        current = current.withBody(type, bytes);
    }

    private ContentType currentContentType() {
        String v = getContentType();
        if (v == null) return null;
        try {
            return ContentType.parse(v);
        } catch (SipParseException e) {
            return null;
        }
    }

    private static ContentType parseContentType(String type) {
        try {
            return ContentType.parse(type);
        } catch (SipParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String charsetParam(ContentType ct) {
        String c = ct.params().unquoted("charset");
        return c == null || c.isBlank() ? null : c.strip();
    }

    private static Charset charset(String enc) throws UnsupportedEncodingException {
        try {
            return Charset.forName(enc);
        } catch (IllegalCharsetNameException | java.nio.charset.UnsupportedCharsetException e) {
            throw new UnsupportedEncodingException(enc);
        }
    }

    // ---- attributes

    public Object getAttribute(String name) {
        Objects.requireNonNull(name, "name");
        return attributes.get(name);
    }

    /** Stores an attribute; a null value removes it (as in the Servlet API). */
    public void setAttribute(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (value == null) attributes.remove(name);
        else attributes.put(name, value);
    }

    public void removeAttribute(String name) {
        Objects.requireNonNull(name, "name");
        attributes.remove(name);
    }

    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(new ArrayList<>(attributes.keySet()));
    }

    // ---- helpers

    /** Lower-case canonical name ({@code via} for {@code v}); IllegalArgumentException when not a token. */
    private static String key(String name) {
        return HeaderField.of(name, "").canonicalName().toLowerCase(Locale.ROOT);
    }

    private static boolean isToken(String name) {
        try {
            HeaderField.of(name, "");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The name of the first field of {@code name} as written, or {@code name}. */
    private String fieldName(String name) {
        return current.headers().first(name).map(HeaderField::name).orElse(name);
    }

    /** Inserts {@code field} before the first or after the last field of its name (at the end when none). */
    private static SipMessage insertField(SipMessage m, HeaderField field, boolean first) {
        Headers h = m.headers();
        int at = -1;
        for (int i = 0; i < h.size(); i++) {
            if (h.get(i).is(field.name())) {
                if (first) {
                    at = i;
                    break;
                }
                at = i + 1;
            }
        }
        return m.withHeaders(h.insert(at < 0 ? h.size() : at, field));
    }

    /** Replaces every field of {@code name} by one field per value, where the first one was. */
    private static SipMessage replaceAll(SipMessage m, String name, List<String> values) {
        Headers h = m.headers();
        int at = h.indexOf(name);
        h = h.without(name);
        if (at < 0) at = h.size();
        for (int i = 0; i < values.size(); i++) h = h.insert(at + i, HeaderField.of(name, values.get(i)));
        return m.withHeaders(h);
    }

    private static Map<String, String> compactForms() {
        Map<String, String> out = new HashMap<>();
        for (char c = 'a'; c <= 'z'; c++) {
            String letter = String.valueOf(c);
            String longName = HeaderField.of(letter, "").canonicalName();
            if (!longName.equalsIgnoreCase(letter)) out.put(longName.toLowerCase(Locale.ROOT), letter);
        }
        return Map.copyOf(out);
    }

    /**
     * A list iterator over a backing list that checks every change with {@code guard}, converts
     * added and set elements with {@code adopt}, and reports changes to {@code changed}. Fail-fast
     * as the backing ArrayList's iterator.
     */
    private static final class EditIterator<T> implements ListIterator<T> {
        private final ListIterator<T> it;
        private final Runnable guard;
        private final Function<Object, ? extends T> adopt;
        private final Runnable changed;

        EditIterator(List<T> list, Runnable guard, Function<Object, ? extends T> adopt, Runnable changed) {
            this.it = list.listIterator();
            this.guard = guard;
            this.adopt = adopt;
            this.changed = changed;
        }

        @Override
        public boolean hasNext() {
            return it.hasNext();
        }

        @Override
        public T next() {
            return it.next();
        }

        @Override
        public boolean hasPrevious() {
            return it.hasPrevious();
        }

        @Override
        public T previous() {
            return it.previous();
        }

        @Override
        public int nextIndex() {
            return it.nextIndex();
        }

        @Override
        public int previousIndex() {
            return it.previousIndex();
        }

        @Override
        public void remove() {
            guard.run();
            it.remove();
            changed.run();
        }

        @Override
        public void set(T t) {
            guard.run();
            it.set(adopt.apply(Objects.requireNonNull(t)));
            changed.run();
        }

        @Override
        public void add(T t) {
            guard.run();
            it.add(adopt.apply(Objects.requireNonNull(t)));
            changed.run();
        }
    }
}
