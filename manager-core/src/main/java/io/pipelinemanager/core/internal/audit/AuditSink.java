package io.pipelinemanager.core.internal.audit;

import java.util.List;

/**
 * Where the facade reports audit events: after every call of an audited operation (success or failure),
 * every refused call (authorization or an invalid tenant in the credentials) and every tenant created on
 * first use. {@link #record} runs on the caller's thread after the call's work and must not throw: a
 * failure to record never changes the outcome of the call it records.
 */
@FunctionalInterface
public interface AuditSink {

    /** Records the event; never throws. */
    void record(AuditEntry entry);

    /** A sink that hands each event to all of {@code sinks}, in order; one throwing does not stop the others. */
    static AuditSink all(List<AuditSink> sinks) {
        List<AuditSink> copy = List.copyOf(sinks);
        return entry -> {
            for (AuditSink sink : copy) {
                try {
                    sink.record(entry);
                } catch (RuntimeException e) {
                    LogAuditSink.sinkFailed(sink, entry, e);
                }
            }
        };
    }
}
