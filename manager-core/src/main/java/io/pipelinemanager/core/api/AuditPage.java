package io.pipelinemanager.core.api;

import java.util.List;
import java.util.Objects;

/**
 * One page of audit events, newest first.
 *
 * @param events     the events on this page (at most the query's limit)
 * @param nextCursor pass it as {@link AuditQuery#cursor()} for the next, older page; {@code null} when this page
 *                   is the last
 */
public record AuditPage(List<AuditEvent> events, String nextCursor) {

    public AuditPage {
        events = List.copyOf(Objects.requireNonNull(events, "events"));
    }
}
