package io.ferry.runtime.container;

import java.util.ArrayList;
import java.util.List;

/** What the test applications saw, in order; a test waits (bounded) for an entry by label. */
final class Recorder {

    record Entry(String label, Object value) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void record(String label, Object value) {
        entries.add(new Entry(label, value));
        notifyAll();
    }

    synchronized int count(String label) {
        return (int) entries.stream().filter(e -> e.label.equals(label)).count();
    }

    synchronized List<String> labels() {
        return entries.stream().map(Entry::label).toList();
    }

    /** The first value recorded under {@code label}, waiting up to 5 s. */
    <T> T await(String label) {
        return this.<T>awaitAll(label, 1).get(0);
    }

    /** The values recorded under {@code label} once there are at least {@code n}, waiting up to 5 s. */
    @SuppressWarnings("unchecked")
    synchronized <T> List<T> awaitAll(String label, int n) {
        long deadline = System.currentTimeMillis() + FakeFlowChannel.WAIT_MS;
        while (true) {
            List<T> out = new ArrayList<>();
            for (Entry e : entries) if (e.label.equals(label)) out.add((T) e.value);
            if (out.size() >= n) return out;
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) throw new AssertionError("no " + n + " '" + label + "' within " + FakeFlowChannel.WAIT_MS + " ms; seen: " + labels());
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
