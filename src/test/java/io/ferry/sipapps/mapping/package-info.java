/**
 * Sample application {@code mapping}: servlet selection by the JSR 289 servlet-mapping rules of
 * {@code WEB-INF/sip.xml} (src/test/resources/sipapps/mapping.sip.xml, which the IT puts into its
 * own WAR, since a WAR has one sip.xml). Three declarations of
 * {@link io.ferry.sipapps.mapping.AnsweringServlet} — {@code billing}, {@code vip}, {@code fallback}
 * — answer with {@code X-Ferry-Servlet: <servlet-name>}; the rules use {@code equal} on the method,
 * {@code subdomain-of} on {@code request.uri.host}, {@code contains} on the From header's display
 * name, and {@code and}/{@code or}/{@code not}. An INVITE matches no rule.
 */
@SipApplication(name = "mapping")
package io.ferry.sipapps.mapping;

import javax.servlet.sip.annotation.SipApplication;
