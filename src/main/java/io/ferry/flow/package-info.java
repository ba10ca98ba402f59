/**
 * Ferry's flow extension for SIP applications: the one piece of Ferry's runtime that applications
 * may see besides {@code javax.servlet.sip}. A flow (RFC 5626 §3) is the WebSocket session, TCP or
 * TLS connection, or UDP address pair a request arrived on. An incoming request carries its flow
 * as the request attribute {@link io.ferry.flow.SipFlows#ATTRIBUTE}; an application sends a
 * request on a given flow by setting that attribute on it before {@code send()}. The edge proxy
 * (RFC 5626 outbound) is written on this API.
 */
package io.ferry.flow;
