package io.ferry.config;

import java.util.Optional;

/**
 * Where raw configuration values come from: MicroProfile Config in the server, a map in tests.
 * An empty or blank value counts as absent.
 */
@FunctionalInterface
public interface ConfigLookup {
    Optional<String> get(String key);
}
