/**
 * Ferry: SIP (RFC 7118) and MSRP (RFC 7977) over WebSocket for Java EE. The package layout and
 * the layering rules are in shared/DESIGN.md; {@code ArchitectureTest} keeps them.
 */
package io.ferry;
