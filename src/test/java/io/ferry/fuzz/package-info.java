/**
 * Jazzer fuzz tests ({@code @FuzzTest}) for Ferry's parsers: SIP, MSRP and Digest headers.
 * Only the declared parse exceptions may leave a target; anything else is a finding. How to run
 * them, for how long, and where findings go: {@code docs/fuzzing.md}.
 */
package io.ferry.fuzz;
