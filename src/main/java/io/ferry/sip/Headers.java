package io.ferry.sip;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * The header fields of a message, in order, immutable. Lookup is by name, case-insensitively,
 * with compact forms recognised (RFC 3261 §7.3.3: {@code v} is Via, {@code i} is Call-ID...).
 * Changes return copies; fields that are not changed keep their raw bytes.
 */
public final class Headers implements Iterable<HeaderField> {

    private static final HeaderField[] NONE = new HeaderField[0];
    private static final Headers EMPTY = new Headers(NONE);

    /** Ints per parsed field in {@link #offs}. */
    static final int STRIDE = 6;
    private static final int START = 0;
    private static final int NAME_END = 1;
    private static final int VALUE_START = 2;
    private static final int VALUE_END = 3;
    private static final int END = 4;
    /** {@code (key + 1) << 1 | folded}. */
    private static final int INFO = 5;

    /*
     * Two forms. Parsed: the fields are contiguous in buf, described by offs (no object per
     * field until one is asked for). Edited: an array of HeaderField objects.
     */
    private final byte[] buf;
    private final int base;
    private final int[] offs;
    private final HeaderField[] fields;
    private final int count;

    Headers(HeaderField[] fields) {
        this.buf = null;
        this.base = -1;
        this.offs = null;
        this.fields = fields;
        this.count = fields.length;
    }

    /** Parsed form: {@code count} fields described by {@code offs}, message starting at {@code base}. */
    Headers(byte[] buf, int base, int[] offs, int count) {
        this.buf = buf;
        this.base = base;
        this.offs = offs;
        this.fields = null;
        this.count = count;
    }

    /** Packs the per-field info word of the parsed form. */
    static int info(int key, boolean folded) {
        return (key + 1) << 1 | (folded ? 1 : 0);
    }

    public static Headers empty() {
        return EMPTY;
    }

    /** Headers from the given fields, in order. */
    public static Headers of(List<HeaderField> fields) {
        return fields.isEmpty() ? EMPTY : new Headers(fields.toArray(NONE));
    }

    /** Number of header fields (lines, not comma-separated values). */
    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The field at {@code index} (created on demand for parsed messages). */
    public HeaderField get(int index) {
        Objects.checkIndex(index, count);
        if (fields != null) return fields[index];
        int o = index * STRIDE;
        int info = offs[o + INFO];
        return new HeaderField(buf, offs[o + START], offs[o + NAME_END], offs[o + VALUE_START], offs[o + VALUE_END],
                offs[o + END], (info >> 1) - 1, (info & 1) != 0, base);
    }

    int keyAt(int index) {
        return fields != null ? fields[index].key() : (offs[index * STRIDE + INFO] >> 1) - 1;
    }

    /** The unfolded value of the field at {@code index}. */
    String valueAt(int index) {
        if (fields != null) return fields[index].value();
        int o = index * STRIDE;
        return HeaderField.decodeValue(buf, offs[o + VALUE_START], offs[o + VALUE_END], (offs[o + INFO] & 1) != 0);
    }

    /** Message offset of the value at {@code index}, or -1. */
    int offsetAt(int index) {
        return fields != null ? fields[index].offset() : offs[index * STRIDE + VALUE_START] - base;
    }

    private boolean nameEqualsAt(int index, String name) {
        if (fields != null) return fields[index].nameEquals(name);
        int o = index * STRIDE;
        int s = offs[o + START];
        int len = offs[o + NAME_END] - s;
        if (name.length() != len) return false;
        for (int i = 0; i < len; i++) {
            if (SipChars.lower(buf[s + i] & 0xff) != SipChars.lower(name.charAt(i))) return false;
        }
        return true;
    }

    /** The fields as objects, in order (a new array for parsed headers). */
    private HeaderField[] materialize() {
        if (fields != null) return fields;
        HeaderField[] out = new HeaderField[count];
        for (int i = 0; i < count; i++) out[i] = get(i);
        return out;
    }

    /** All fields, in order, as an unmodifiable list view. */
    public List<HeaderField> asList() {
        return new FieldList(this);
    }

    @Override
    public Iterator<HeaderField> iterator() {
        return asList().iterator();
    }

    /** The first field named {@code name}. */
    public Optional<HeaderField> first(String name) {
        return Optional.ofNullable(firstOrNull(name));
    }

    /** The unfolded value of the first field named {@code name}. */
    public Optional<String> firstValue(String name) {
        HeaderField f = firstOrNull(name);
        return f == null ? Optional.empty() : Optional.of(f.value());
    }

    HeaderField firstOrNull(String name) {
        int i = indexOf(HeaderTable.lookup(name), name, 0);
        return i < 0 ? null : get(i);
    }

    /** Index of the first field with a known header key, or -1. */
    int indexOf(int key) {
        for (int i = 0; i < count; i++) if (keyAt(i) == key) return i;
        return -1;
    }

    int indexOf(int key, String name, int from) {
        for (int i = from; i < count; i++) {
            int k = keyAt(i);
            if (key >= 0 ? k == key : (k < 0 && nameEqualsAt(i, name))) return i;
        }
        return -1;
    }

    /** True when a field named {@code name} is present. */
    public boolean contains(String name) {
        return firstOrNull(name) != null;
    }

    /** Number of fields named {@code name}. */
    public int count(String name) {
        int key = HeaderTable.lookup(name);
        int n = 0;
        for (int i = indexOf(key, name, 0); i >= 0; i = indexOf(key, name, i + 1)) n++;
        return n;
    }

    /** All fields named {@code name}, in order. */
    public List<HeaderField> all(String name) {
        int key = HeaderTable.lookup(name);
        List<HeaderField> out = new ArrayList<>(2);
        for (int i = indexOf(key, name, 0); i >= 0; i = indexOf(key, name, i + 1)) out.add(get(i));
        return List.copyOf(out);
    }

    /**
     * All values of the fields named {@code name}, in order: comma-separated values are split
     * for headers whose grammar is a list (Via, Contact, Route, Supported...), and only for them.
     */
    public List<String> values(String name) {
        int key = HeaderTable.lookup(name);
        List<String> out = new ArrayList<>(4);
        for (int i = indexOf(key, name, 0); i >= 0; i = indexOf(key, name, i + 1)) out.addAll(get(i).values());
        return List.copyOf(out);
    }

    /**
     * A copy where the fields named {@code name} are replaced by one field {@code name: value},
     * at the position of the first of them, or appended at the end when there was none.
     */
    public Headers with(String name, String value) {
        return with(HeaderField.of(name, value));
    }

    /** As {@link #with(String, String)}, with a prepared field. */
    public Headers with(HeaderField field) {
        int key = field.key();
        String name = field.name();
        int first = indexOf(key, name, 0);
        if (first < 0) return append(field);
        HeaderField[] all = materialize();
        List<HeaderField> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (i == first) out.add(field);
            else if (!matches(all[i], key, name)) out.add(all[i]);
        }
        return new Headers(out.toArray(NONE));
    }

    /** A copy without any field named {@code name}. */
    public Headers without(String name) {
        int key = HeaderTable.lookup(name);
        if (indexOf(key, name, 0) < 0) return this;
        List<HeaderField> out = new ArrayList<>(count);
        for (HeaderField f : materialize()) if (!matches(f, key, name)) out.add(f);
        return new Headers(out.toArray(NONE));
    }

    /** A copy with {@code name: value} appended after all fields. */
    public Headers append(String name, String value) {
        return append(HeaderField.of(name, value));
    }

    public Headers append(HeaderField field) {
        HeaderField[] out = Arrays.copyOf(materialize(), count + 1);
        out[count] = field;
        return new Headers(out);
    }

    /**
     * A copy with {@code name: value} inserted before the first field of the same name (so it
     * becomes the topmost value, as a new Via or Record-Route must), or first when there is none.
     */
    public Headers prepend(String name, String value) {
        return prepend(HeaderField.of(name, value));
    }

    public Headers prepend(HeaderField field) {
        int at = indexOf(field.key(), field.name(), 0);
        return insert(at < 0 ? 0 : at, field);
    }

    /** A copy with {@code field} inserted at {@code index}. */
    public Headers insert(int index, HeaderField field) {
        Objects.checkIndex(index, count + 1);
        HeaderField[] all = materialize();
        HeaderField[] out = new HeaderField[count + 1];
        System.arraycopy(all, 0, out, 0, index);
        out[index] = field;
        System.arraycopy(all, index, out, index + 1, count - index);
        return new Headers(out);
    }

    /** A copy with the field at {@code index} replaced by the given ones (none removes it). */
    public Headers replace(int index, HeaderField... replacement) {
        Objects.checkIndex(index, count);
        HeaderField[] all = materialize();
        HeaderField[] out = new HeaderField[count - 1 + replacement.length];
        System.arraycopy(all, 0, out, 0, index);
        System.arraycopy(replacement, 0, out, index, replacement.length);
        System.arraycopy(all, index + 1, out, index + replacement.length, count - index - 1);
        return new Headers(out);
    }

    /** Index of the first field named {@code name}, or -1. */
    public int indexOf(String name) {
        return indexOf(HeaderTable.lookup(name), name, 0);
    }

    private static boolean matches(HeaderField f, int key, String name) {
        return key >= 0 ? f.key() == key : (f.key() < 0 && f.nameEquals(name));
    }

    /**
     * A copy without the first value of the first field named {@code name}, e.g. the top Route
     * a loose router removes (RFC 3261 §16.4); the field's other values stay.
     */
    public Headers withoutFirstValue(String name) {
        int key = HeaderTable.lookup(name);
        if (indexOf(key, name, 0) < 0) return this;
        return withTopValue(key, name, null);
    }

    /**
     * A copy where the first value of the first field named {@code name} is {@code value} (the
     * field's other values stay), or with {@code name: value} first when there was none.
     */
    public Headers withFirstValue(String name, String value) {
        return withTopValue(HeaderTable.lookup(name), name, value);
    }

    /**
     * A copy where the first value of the first field with {@code key} is replaced by
     * {@code newValue} ({@code null} removes it); the field's other values stay, in a field of
     * their own. With no such field, {@code newValue} becomes the first field.
     */
    Headers withTopValue(int key, String canonicalName, String newValue) {
        Objects.requireNonNull(canonicalName);
        int i = indexOf(key, canonicalName, 0);
        if (i < 0) {
            return newValue == null ? this
                    : insert(0, HeaderField.of(key >= 0 ? HeaderTable.canonicalName(key) : canonicalName, newValue));
        }
        HeaderField f = get(i);
        String v = f.value();
        int[] r = ValueSplitter.split(v);
        List<HeaderField> repl = new ArrayList<>(2);
        if (newValue != null) repl.add(HeaderField.of(key >= 0 ? HeaderTable.canonicalName(key) : canonicalName, newValue));
        if (r.length > 2) repl.add(HeaderField.of(f.name(), v.substring(r[2])));
        return replace(i, repl.toArray(NONE));
    }

    /** Bytes of all fields, each with its CRLF. */
    int rawLength() {
        if (fields == null) return count == 0 ? 0 : offs[(count - 1) * STRIDE + END] - offs[START];
        int n = 0;
        for (HeaderField f : fields) n += f.rawLength();
        return n;
    }

    void writeTo(ByteBuffer out) {
        if (fields == null) {
            if (count > 0) out.put(buf, offs[START], rawLength());
        } else {
            for (HeaderField f : fields) f.writeTo(out);
        }
    }

    void writeTo(OutputStream out) throws IOException {
        if (fields == null) {
            if (count > 0) out.write(buf, offs[START], rawLength());
        } else {
            for (HeaderField f : fields) f.writeTo(out);
        }
    }

    int copyTo(byte[] dst, int pos) {
        if (fields == null) {
            int n = rawLength();
            if (n > 0) System.arraycopy(buf, offs[START], dst, pos, n);
            return pos + n;
        }
        for (HeaderField f : fields) pos = f.copyTo(dst, pos);
        return pos;
    }

    /** Equal when the fields are equal byte for byte, in order. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Headers h) || h.count != count) return false;
        for (int i = 0; i < count; i++) if (!get(i).equals(h.get(i))) return false;
        return true;
    }

    @Override
    public int hashCode() {
        int r = 1;
        for (int i = 0; i < count; i++) r = 31 * r + get(i).hashCode();
        return r;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) sb.append(get(i)).append("\r\n");
        return sb.toString();
    }

    private static final class FieldList extends AbstractList<HeaderField> implements RandomAccess {
        private final Headers h;

        FieldList(Headers h) {
            this.h = h;
        }

        @Override
        public HeaderField get(int index) {
            return h.get(index);
        }

        @Override
        public int size() {
            return h.count;
        }
    }
}
