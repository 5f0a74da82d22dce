package io.pipelinemanager.core.internal.auditlog;

import io.pipelinemanager.core.api.AuditEvent;
import io.pipelinemanager.core.api.AuditPage;
import io.pipelinemanager.core.api.AuditQuery;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.audit.AuditEntry;
import io.pipelinemanager.core.internal.audit.AuditSink;
import io.pipelinemanager.core.internal.audit.LogAuditSink;
import io.pipelinemanager.core.internal.store.AuditFilter;
import io.pipelinemanager.core.internal.store.Store;
import io.pipelinemanager.core.internal.validation.SpecRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The audit log in the database ({@code audit_event}): an {@link AuditSink} that stores every event, the
 * administrator's paged query, and pruning of events older than the retention.
 *
 * <p><b>A failed write never fails the audited call.</b> An event is written after the call it records, in its
 * own transaction; when that write fails (the database is unreachable, ...) the call's own outcome stands and
 * the event is logged at ERROR on {@value LogAuditSink#LOGGER} with all its fields (so it survives in the log)
 * together with the failure, and {@link #writeFailures()} counts it. The failure's message goes to the log,
 * never SQL text: persistence errors reach this class as {@code ManagerException}s with the store's own words.
 */
public final class AuditLog implements AuditSink {

    private static final Logger LOG = LoggerFactory.getLogger(LogAuditSink.LOGGER);

    /** Events deleted per transaction by {@link #prune()}. */
    static final int PRUNE_BATCH = 1000;
    /** Longest text of a filter value (longer ones match nothing stored anyway). */
    private static final int MAX_FILTER_LENGTH = 256;
    private static final String CURSOR_VERSION = "1";

    private final Store store;
    private final Supplier<Instant> now;
    private final Duration retention;
    private final AtomicLong writeFailures = new AtomicLong();

    /**
     * @param retention how long events are kept ({@code pm.audit.retention}); must be positive
     */
    public AuditLog(Store store, Supplier<Instant> now, Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the audit retention must be positive");
        }
        this.store = store;
        this.now = now;
        this.retention = retention;
    }

    /** How long events are kept. */
    public Duration retention() {
        return retention;
    }

    /** Stores the event; never throws (see the class comment). */
    @Override
    public void record(AuditEntry event) {
        store(event);
    }

    /**
     * Stores the event and returns its id, or -1 when it could not be stored. Never throws: a failure is logged
     * at ERROR with the event's fields and counted.
     */
    public long store(AuditEntry event) {
        try {
            return store.write(s -> s.insertAuditEvent(event));
        } catch (RuntimeException e) {
            writeFailures.incrementAndGet();
            String why = e instanceof ManagerException m ? m.code() + ": " + m.getMessage() : e.getClass().getName();
            LOG.error("Audit event NOT stored ({}); its fields: {}", why, LogAuditSink.line(event));
            return -1;
        }
    }

    /** Audit events this instance failed to store since it started. */
    public long writeFailures() {
        return writeFailures.get();
    }

    /**
     * One page of {@code tenant}'s events, newest first.
     *
     * @throws ManagerException {@code InvalidRequest} for a limit out of range, a time range that ends before it
     *                          starts, a filter with NUL or longer than 256 characters, or a cursor the manager did
     *                          not make
     */
    public AuditPage list(String tenant, AuditQuery query) {
        int limit = query.limit() == null ? AuditQuery.DEFAULT_LIMIT : query.limit();
        if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
            throw new ManagerException(ErrorCode.InvalidRequest,
                    "The limit must be between 1 and " + AuditQuery.MAX_LIMIT,
                    Map.of("field", "limit", "value", limit, "max", AuditQuery.MAX_LIMIT));
        }
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new ManagerException(ErrorCode.InvalidRequest, "The time range must start before it ends",
                    Map.of("field", "to"));
        }
        Position after = query.cursor() == null ? null : Position.decode(query.cursor());
        AuditFilter filter = new AuditFilter(tenant, query.from(), query.to(),
                SpecRules.text("principal", query.principal(), MAX_FILTER_LENGTH),
                SpecRules.text("action", query.action(), MAX_FILTER_LENGTH),
                SpecRules.text("target_kind", query.targetKind(), MAX_FILTER_LENGTH),
                SpecRules.text("target_name", query.targetName(), MAX_FILTER_LENGTH),
                query.outcome(), after == null ? null : after.time(), after == null ? null : after.id());
        // One more than asked tells whether another page follows.
        List<AuditEvent> events = store.read(s -> s.findAuditEvents(filter, limit + 1));
        if (events.size() <= limit) {
            return new AuditPage(events, null);
        }
        List<AuditEvent> page = events.subList(0, limit);
        AuditEvent last = page.get(limit - 1);
        return new AuditPage(page, new Position(last.occurredAt(), last.id()).encode());
    }

    /**
     * Deletes the events older than the retention, in batches of {@value #PRUNE_BATCH} per transaction (a long
     * backlog does not hold one huge transaction). Returns how many were deleted. Instances may prune at once:
     * each deletes what is still there.
     */
    public long prune() {
        Instant cutoff = now.get().minus(retention);
        long total = 0;
        int deleted;
        do {
            deleted = store.write(s -> s.deleteAuditEventsBefore(cutoff, PRUNE_BATCH));
            total += deleted;
        } while (deleted == PRUNE_BATCH);
        if (total > 0) {
            LOG.info("Pruned {} audit events older than {} ({})", total, cutoff, retention);
        }
        return total;
    }

    /** Where a page ended: the last event's time and id. Encoded as opaque URL-safe text. */
    record Position(Instant time, long id) {

        String encode() {
            String plain = CURSOR_VERSION + ":" + time.getEpochSecond() + ":" + time.getNano() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
        }

        static Position decode(String cursor) {
            try {
                if (cursor.length() > 128) {
                    throw new IllegalArgumentException("too long");
                }
                String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
                String[] parts = plain.split(":", -1);
                if (parts.length != 4 || !parts[0].equals(CURSOR_VERSION)) {
                    throw new IllegalArgumentException("not a cursor");
                }
                return new Position(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
                        Long.parseLong(parts[3]));
            } catch (RuntimeException e) {
                throw new ManagerException(ErrorCode.InvalidRequest,
                        "The cursor is not one this manager made; pass next_cursor of a previous page unchanged",
                        Map.of("field", "cursor"));
            }
        }
    }
}
