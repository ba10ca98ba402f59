/**
 * The example of docs/writing-sip-applications.md: a complete SIP application named {@code hello}.
 * It answers MESSAGE (RFC 3428) with 200 and a greeting, calls back on request with an OPTIONS on
 * the client's own flow, and declines calls with 486 (RFC 3261 §21.4.24). Compiled by Ferry's build
 * and deployed by HelloApplicationIT.
 */
@SipApplication(name = "hello", mainServlet = "hello")
package com.example.hello;

import javax.servlet.sip.annotation.SipApplication;
