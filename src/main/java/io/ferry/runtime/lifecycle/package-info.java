/**
 * The SIP applications of a WAR at run time (JSR 289 servlet lifecycle, ServletContext attributes
 * and §18 resource injection): {@link io.ferry.runtime.lifecycle.SipApplications} starts and stops
 * them with the web application; each gets a {@link io.ferry.runtime.lifecycle.SipApplicationContext}
 * (the WAR's ServletContext plus the JSR 289 attributes and its sip.xml context-params); servlets
 * and listeners are created by a {@link io.ferry.runtime.lifecycle.ComponentFactory} with the web
 * container's injection ({@link io.ferry.runtime.lifecycle.WebContainerComponentFactory}) and get
 * {@code @Resource} SipFactory, TimerService and SipSessionsUtil from
 * {@link io.ferry.runtime.lifecycle.SipResourceInjection}. The model they start from is built by
 * {@code io.ferry.runtime.deploy}.
 */
package io.ferry.runtime.lifecycle;
