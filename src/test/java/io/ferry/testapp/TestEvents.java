package io.ferry.testapp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.enterprise.context.ApplicationScoped;

/** What the echo application saw, in order; listed at {@code /test/events}. */
@ApplicationScoped
public class TestEvents {

    private final List<String> events = new CopyOnWriteArrayList<>();

    public void add(String event) {
        events.add(event);
    }

    public List<String> all() {
        return List.copyOf(events);
    }
}
