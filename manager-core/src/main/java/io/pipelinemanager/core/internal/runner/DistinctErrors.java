package io.pipelinemanager.core.internal.runner;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which errors a repeating task has already reported, so that the same failure, hit on
 * every pass, is logged once (with its stack trace) instead of flooding the log. Errors are told
 * apart by their class, message and the frame that threw them. Thread-safe; bounded (least recently
 * seen signatures are forgotten first).
 */
public final class DistinctErrors {

    private static final int CAPACITY = 64;
    private static final int MESSAGE_CHARS = 200;

    private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** True the first time an error with this signature is seen (log it then), false afterwards. */
    public synchronized boolean firstTime(Throwable error) {
        return seen.put(signature(error), Boolean.TRUE) == null;
    }

    /** Forgets every error seen, e.g. when the task it belongs to is gone. */
    public synchronized void clear() {
        seen.clear();
    }

    /** What makes two errors "the same": class, message (shortened) and the throwing frame. */
    static String signature(Throwable error) {
        String message = String.valueOf(error.getMessage());
        if (message.length() > MESSAGE_CHARS) {
            message = message.substring(0, MESSAGE_CHARS);
        }
        StackTraceElement[] trace = error.getStackTrace();
        String frame = trace.length == 0 ? "" : trace[0].toString();
        return error.getClass().getName() + ": " + message + " @ " + frame;
    }
}
