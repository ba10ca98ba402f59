/**
 * JSR 289 timers ({@code TimerService}, {@code ServletTimer}) on the runtime's timer scheduler.
 * Timer callbacks run serialised with the messages of their application session.
 */
package io.ferry.runtime.timer;
