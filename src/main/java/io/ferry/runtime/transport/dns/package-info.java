/**
 * Locating SIP servers (RFC 3263): NAPTR, SRV (RFC 2782 ordering) and A/AAAA lookups with
 * dnsjava's asynchronous API, turning a SIP or SIPS URI into an ordered list of
 * {@link io.ferry.runtime.transport.dns.Target}s. Hosts in {@code .invalid} (RFC 7118) are never resolved.
 */
package io.ferry.runtime.transport.dns;
