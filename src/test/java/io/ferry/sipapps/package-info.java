/**
 * Sample SIP applications (JSR 289), test-only: the ITs deploy them in copies of Ferry's WAR to
 * show the SIP Servlet runtime on the wire. One subpackage per application, each named by the
 * {@code @SipApplication} of its package-info; {@code events} is the shared in-memory event log
 * that the ITs read over HTTP. They use only {@code javax.servlet.sip} and Ferry's flow extension
 * ({@code io.ferry.flow}).
 */
package io.ferry.sipapps;
