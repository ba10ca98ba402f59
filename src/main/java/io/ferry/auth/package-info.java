/**
 * HTTP Digest access authentication as SIP (RFC 3261 §22, RFC 8760) and MSRP relays
 * (RFC 4976 §7.1) use it: RFC 7616 with the MD5, SHA-256 and SHA-512/256 algorithms, their
 * {@code -sess} variants, and {@code qop=auth} / {@code auth-int}.
 *
 * <p>Plain Java with no knowledge of SIP or MSRP messages: callers pass header <em>values</em>
 * ({@code WWW-Authenticate}, {@code Authorization}, {@code Proxy-*}) as strings and get header
 * values back.
 * <ul>
 *   <li>{@link io.ferry.auth.DigestHeaderParser} parses credentials and challenges;
 *       {@link io.ferry.auth.DigestParseException} carries the offset and the broken rule.</li>
 *   <li>{@link io.ferry.auth.DigestChallenge} builds {@code WWW-Authenticate} values.</li>
 *   <li>{@link io.ferry.auth.Ha1} is what is stored per user and algorithm (never a clear
 *       password); {@link io.ferry.auth.DigestVerifier} checks a response against it.</li>
 *   <li>{@link io.ferry.auth.HmacNonceService} issues nonces that need no shared state;
 *       {@link io.ferry.auth.NonceStore} tracks nonce counts against replay.</li>
 * </ul>
 */
package io.ferry.auth;
