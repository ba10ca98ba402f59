package io.ferry.runtime.transport.netty;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A key store file: its path, password and type ({@code PKCS12} by default).
 *
 * @param path     the file
 * @param password the store password (also used for the keys in it)
 * @param type     the {@link java.security.KeyStore} type
 */
public record KeyStoreRef(Path path, String password, String type) {

    public KeyStoreRef {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(type, "type");
    }

    /** A PKCS12 store. */
    public static KeyStoreRef pkcs12(Path path, String password) {
        return new KeyStoreRef(path, password, "PKCS12");
    }

    @Override
    public String toString() {
        return "KeyStoreRef[" + path + ", " + type + "]";
    }
}
