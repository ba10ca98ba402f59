/**
 * Ferry's configuration: one immutable {@link io.ferry.config.FerryConfig} record tree, read
 * through MicroProfile Config (server.xml variables, environment, bootstrap.properties) and
 * validated once at startup. A bad value fails the deployment with a {@link
 * io.ferry.config.ConfigException} naming the key and the allowed values. Every key is listed
 * in docs/configuration.md next to its default.
 */
package io.ferry.config;
