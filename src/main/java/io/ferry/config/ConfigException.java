package io.ferry.config;

/** A configuration value that Ferry cannot start with: names the key, the value and what is allowed. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String value, String allowed) {
        super("Invalid configuration " + key + "=\"" + value + "\": allowed values are " + allowed);
        this.key = key;
    }

    /** The configuration key whose value was refused. */
    public String key() {
        return key;
    }
}
