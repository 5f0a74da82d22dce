package io.pipelinemanager.core.api;

import java.time.Instant;

/**
 * A page request over the audit log of the caller's tenant, newest events first. Every filter is optional
 * ({@code null}: no filter); filters combine with AND and compare exactly.
 *
 * <p>Paging is by cursor, not offset: a page's {@link AuditPage#nextCursor()} passed back as {@code cursor}
 * continues right after that page's last event, unaffected by events written in between (they are newer and
 * would only show up on a new first page). A cursor is opaque text; one not made by the manager is
 * {@code InvalidRequest}.
 *
 * @param from       earliest time, inclusive
 * @param to         latest time, exclusive
 * @param principal  only events of this principal (e.g. {@code api-key:ci})
 * @param action     only this action (an operation's wire name, or {@code authenticate})
 * @param targetKind only events on objects of this kind ({@code program}, {@code pipeline}, {@code api_key}, ...)
 * @param targetName only events on the object with this name
 * @param outcome    only events with this outcome
 * @param limit      most events on the page: 1 to {@value #MAX_LIMIT}; {@code null} means {@value #DEFAULT_LIMIT}
 * @param cursor     where to continue, from a previous page; {@code null} for the first page
 */
public record AuditQuery(Instant from, Instant to, String principal, String action, String targetKind,
                         String targetName, AuditOutcome outcome, Integer limit, String cursor) {

    /** Events on a page when the query names no limit. */
    public static final int DEFAULT_LIMIT = 100;
    /** Most events on one page. */
    public static final int MAX_LIMIT = 1000;

    /** The first page of the whole log, {@value #DEFAULT_LIMIT} events. */
    public static AuditQuery latest() {
        return new AuditQuery(null, null, null, null, null, null, null, null, null);
    }

    /** This query with another page size. */
    public AuditQuery withLimit(Integer limit) {
        return new AuditQuery(from, to, principal, action, targetKind, targetName, outcome, limit, cursor);
    }

    /** This query continuing at {@code cursor}. */
    public AuditQuery withCursor(String cursor) {
        return new AuditQuery(from, to, principal, action, targetKind, targetName, outcome, limit, cursor);
    }
}
