/**
 * JMH benchmark of issue 5: Ferry's SIP parser ({@code io.ferry.sip.SipParser}, compiled from
 * this checkout) against JAIN-SIP RI 1.3.0-91's {@code StringMsgParser} on the same three
 * RFC 3261 messages (a JsSIP REGISTER over WebSocket per RFC 7118, a WebRTC INVITE with a 4 KB
 * SDP, Kamailio's 200 OK), reading what a proxy needs. See {@code bench/README.md}.
 */
package io.ferry.bench.parser;
