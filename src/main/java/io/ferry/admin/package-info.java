/**
 * Ferry's management surface inside the WAR: the startup sequence and its state, MicroProfile
 * Health checks (readiness is UP only once startup has finished), application metrics, and the
 * bootstrap of the administrator password. The Admin Center and the JMX REST connector are
 * Liberty's, configured in server.xml.
 */
package io.ferry.admin;
