/**
 * JSR 289 timers (SIP Servlet 1.1 timer service: {@code TimerService}, {@code ServletTimer}) on the runtime's
 * timer scheduler. {@link io.ferry.runtime.timer.FerryTimerService} creates
 * {@link io.ferry.runtime.timer.FerryServletTimer}s for application sessions that implement
 * {@link io.ferry.runtime.timer.TimerHost}; repetition follows {@link java.util.Timer} as the API's
 * javadoc requires. Timer callbacks run serialised with the messages of their application session.
 * Timers are not persisted: {@code isPersistent} is accepted and reported, and a restart loses them.
 */
package io.ferry.runtime.timer;
