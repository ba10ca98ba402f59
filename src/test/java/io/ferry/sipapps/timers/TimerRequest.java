package io.ferry.sipapps.timers;

import java.io.Serializable;

/**
 * The info of one timer: whom to tell, after how long, and when it was asked for.
 *
 * @param replyTo     the URI the OPTIONS goes to (the MESSAGE's Contact, else its From)
 * @param delayMs     the delay asked for
 * @param startNanos  {@link System#nanoTime()} when the timer was created
 * @param test        the sender's {@code X-Ferry-Test}
 */
public record TimerRequest(String replyTo, long delayMs, long startNanos, String test) implements Serializable {
}
