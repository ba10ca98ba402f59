package io.ferry.store;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An attribute value as the store keeps it: the serialized form of the object the application
 * set ({@code SipApplicationSession.setAttribute}; JSR 289 requires distributable applications'
 * attributes to be {@code Serializable}). The container serializes on write and deserializes on
 * read, so that a stored session is a snapshot that later changes to the application's live,
 * mutable object cannot alter, and so that a clustered store can ship it as bytes.
 *
 * <p>The bytes are copied in and out; equality is by content.
 */
public record AttributeValue(byte[] serialized) {

    public AttributeValue {
        Objects.requireNonNull(serialized, "serialized");
        serialized = serialized.clone();
    }

    /** A copy of the serialized bytes. */
    @Override
    public byte[] serialized() {
        return serialized.clone();
    }

    /** Number of serialized bytes, without copying them. */
    public int length() {
        return serialized.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributeValue other && Arrays.equals(serialized, other.serialized);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(serialized);
    }

    @Override
    public String toString() {
        int shown = Math.min(serialized.length, 16);
        return "AttributeValue[" + serialized.length + " bytes: "
                + HexFormat.of().formatHex(serialized, 0, shown) + (shown < serialized.length ? "…]" : "]");
    }
}
