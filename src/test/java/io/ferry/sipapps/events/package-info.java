/**
 * What the sample SIP applications saw, one line per event, listed over HTTP at
 * {@code /sipapps/events} (test deployments only). Not a SIP application.
 */
package io.ferry.sipapps.events;
