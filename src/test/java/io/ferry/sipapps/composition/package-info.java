/**
 * Two sample applications composed by the Default Application Router (JSR 289 §15, Appendix C):
 * {@code first} ({@link io.ferry.sipapps.composition.first}) and {@code second}
 * ({@link io.ferry.sipapps.composition.second}). The DAR (src/test/resources/sipapps/composition.dar.properties)
 * lists both, in that order, for OPTIONS and MESSAGE. {@code first} answers OPTIONS itself as a UAS,
 * so {@code second} never sees an OPTIONS. For MESSAGE, {@code first} creates the next leg with
 * {@code SipFactory.createRequest(origRequest, false)} and the directive CONTINUE (§15.2.2), so the
 * router hands it to {@code second}, which answers; {@code first} relays that answer upstream.
 * Each records the routing region and subscriber URI the router gave it.
 */
package io.ferry.sipapps.composition;
