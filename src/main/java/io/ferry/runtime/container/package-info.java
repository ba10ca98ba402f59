/**
 * The SIP Servlet container core (JSR 289): the transaction user that routes initial requests
 * through the application router, dispatches messages to servlets, keeps SIP sessions and
 * application sessions, and serialises everything of one application session.
 */
package io.ferry.runtime.container;
