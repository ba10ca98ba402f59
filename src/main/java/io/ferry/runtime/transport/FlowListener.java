package io.ferry.runtime.transport;

/** Observes flows opening and closing (the registrar drops a closed flow's bindings at once). */
public interface FlowListener {

    default void flowOpened(Flow flow) {
    }

    void flowClosed(Flow flow, CloseReason reason);
}
