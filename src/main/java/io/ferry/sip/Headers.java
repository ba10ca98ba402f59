package io.ferry.sip;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
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

    private final HeaderField[] fields;

    Headers(HeaderField[] fields) {
        this.fields = fields;
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
        return fields.length;
    }

    public boolean isEmpty() {
        return fields.length == 0;
    }

    public HeaderField get(int index) {
        return fields[index];
    }

    /** All fields, in order, as an unmodifiable list view. */
    public List<HeaderField> asList() {
        return new FieldList(fields);
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
        int key = HeaderTable.lookup(name);
        return key >= 0 ? first(key) : firstUnknown(name);
    }

    HeaderField first(int key) {
        for (HeaderField f : fields) if (f.key() == key) return f;
        return null;
    }

    private HeaderField firstUnknown(String name) {
        for (HeaderField f : fields) if (f.key() < 0 && f.nameEquals(name)) return f;
        return null;
    }

    int indexOf(int key, String name, int from) {
        for (int i = from; i < fields.length; i++) {
            HeaderField f = fields[i];
            if (key >= 0 ? f.key() == key : (f.key() < 0 && f.nameEquals(name))) return i;
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
        for (int i = indexOf(key, name, 0); i >= 0; i = indexOf(key, name, i + 1)) out.add(fields[i]);
        return List.copyOf(out);
    }

    /**
     * All values of the fields named {@code name}, in order: comma-separated values are split
     * for headers whose grammar is a list (Via, Contact, Route, Supported...), and only for them.
     */
    public List<String> values(String name) {
        int key = HeaderTable.lookup(name);
        List<String> out = new ArrayList<>(4);
        for (int i = indexOf(key, name, 0); i >= 0; i = indexOf(key, name, i + 1)) out.addAll(fields[i].values());
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
        List<HeaderField> out = new ArrayList<>(fields.length);
        for (int i = 0; i < fields.length; i++) {
            if (i == first) out.add(field);
            else if (!matches(fields[i], key, name)) out.add(fields[i]);
        }
        return new Headers(out.toArray(NONE));
    }

    /** A copy without any field named {@code name}. */
    public Headers without(String name) {
        int key = HeaderTable.lookup(name);
        if (indexOf(key, name, 0) < 0) return this;
        List<HeaderField> out = new ArrayList<>(fields.length);
        for (HeaderField f : fields) if (!matches(f, key, name)) out.add(f);
        return new Headers(out.toArray(NONE));
    }

    /** A copy with {@code name: value} appended after all fields. */
    public Headers append(String name, String value) {
        return append(HeaderField.of(name, value));
    }

    public Headers append(HeaderField field) {
        HeaderField[] out = Arrays.copyOf(fields, fields.length + 1);
        out[fields.length] = field;
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
        HeaderField[] out = new HeaderField[fields.length + 1];
        System.arraycopy(fields, 0, out, 0, index);
        out[index] = field;
        System.arraycopy(fields, index, out, index + 1, fields.length - index);
        return new Headers(out);
    }

    /** A copy with the field at {@code index} replaced by the given ones (none removes it). */
    public Headers replace(int index, HeaderField... replacement) {
        HeaderField[] out = new HeaderField[fields.length - 1 + replacement.length];
        System.arraycopy(fields, 0, out, 0, index);
        System.arraycopy(replacement, 0, out, index, replacement.length);
        System.arraycopy(fields, index + 1, out, index + replacement.length, fields.length - index - 1);
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
     * A copy where the first value of the first field with {@code key} is replaced by
     * {@code newValue} ({@code null} removes it); the field's other values stay, in a field of
     * their own. With no such field, {@code newValue} becomes the first field.
     */
    Headers withTopValue(int key, String canonicalName, String newValue) {
        int i = indexOf(key, canonicalName, 0);
        if (i < 0) return newValue == null ? this : insert(0, HeaderField.of(canonicalName, newValue));
        HeaderField f = fields[i];
        String v = f.value();
        int[] r = ValueSplitter.split(v);
        List<HeaderField> repl = new ArrayList<>(2);
        if (newValue != null) repl.add(HeaderField.of(canonicalName, newValue));
        if (r.length > 2) repl.add(HeaderField.of(f.name(), v.substring(r[2])));
        return replace(i, repl.toArray(NONE));
    }

    int rawLength() {
        int n = 0;
        for (HeaderField f : fields) n += f.rawLength();
        return n;
    }

    HeaderField[] fields() {
        return fields;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && Arrays.equals(fields, h.fields);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fields);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (HeaderField f : fields) sb.append(f).append("\r\n");
        return sb.toString();
    }

    private static final class FieldList extends AbstractList<HeaderField> implements RandomAccess {
        private final HeaderField[] a;

        FieldList(HeaderField[] a) {
            this.a = a;
        }

        @Override
        public HeaderField get(int index) {
            return a[index];
        }

        @Override
        public int size() {
            return a.length;
        }
    }
}
