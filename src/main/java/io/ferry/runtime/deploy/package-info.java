/**
 * Deployment of SIP applications (JSR 289 deployment descriptor, application selection and Appendix C): the {@code WEB-INF/sip.xml}
 * descriptor ({@link io.ferry.runtime.deploy.SipXmlParser} → {@link io.ferry.runtime.deploy.SipAppDescriptor}),
 * the servlet-mapping rule language ({@link io.ferry.runtime.deploy.MappingRule} over the variables
 * of a {@link io.ferry.runtime.deploy.RuleContext}), the Default Application Router of Appendix C
 * ({@link io.ferry.runtime.deploy.DefaultApplicationRouter} configured by a
 * {@link io.ferry.runtime.deploy.DarConfiguration}) and the choice between it and a custom router
 * found through the {@code javax.servlet.sip.ar.spi} SPI
 * ({@link io.ferry.runtime.deploy.ApplicationRouterLoader}), and the SIP application model of a WAR
 * ({@link io.ferry.runtime.deploy.SipApplicationModel}: JSR 289 annotations {@code @SipApplication},
 * {@code @SipServlet}, {@code @SipListener}, {@code @SipApplicationKey} combined with sip.xml), which the
 * {@code ServletContainerInitializer} {@link io.ferry.runtime.deploy.SipApplicationInitializer} builds
 * when the WAR deploys. Uses only
 * {@code javax.servlet.sip} (with {@code .annotation} and {@code .ar}), {@code javax.servlet}, the JDK's
 * StAX and {@code io.ferry.sip}.
 */
package io.ferry.runtime.deploy;
