package io.pipelinemanager.core.internal.wakeup;

import java.util.Optional;

/** Which background loop a change concerns. */
public enum Topic {
    /** A program waits for compilation (created, or its code changed). */
    COMPILER("compiler"),
    /**
     * A pipeline's desired status changed, a program's compilation finished, a pipeline lease was released, or a
     * local runner finished loading or failed: the reconciler has something to do.
     */
    RECONCILER("reconciler");

    private final String wire;

    Topic(String wire) {
        this.wire = wire;
    }

    /** The topic's name in a notification's payload. */
    public String wire() {
        return wire;
    }

    /** The topic with that payload name, if any. */
    public static Optional<Topic> fromWire(String name) {
        for (Topic t : values()) {
            if (t.wire.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
