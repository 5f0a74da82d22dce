package io.pipelinemanager.core.internal.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit log as structured log lines: one line of JSON per event at INFO on the logger
 * {@value #LOGGER} (route or silence it with the logging configuration), with the REST API's field
 * names; absent fields are left out.
 */
public final class LogAuditSink implements AuditSink {

    /** The logger of audit events. */
    public static final String LOGGER = "io.pipelinemanager.audit";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void record(AuditEntry entry) {
        if (LOG.isInfoEnabled()) {
            LOG.info(line(entry));
        }
    }

    /** The event as one line of JSON. */
    public static String line(AuditEntry entry) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("occurred_at", entry.occurredAt().toString());
        put(fields, "tenant", entry.tenant());
        fields.put("principal", entry.principal());
        fields.put("auth_method", entry.authMethod().wireName());
        fields.put("action", entry.action());
        put(fields, "target_kind", entry.targetKind());
        put(fields, "target_name", entry.targetName());
        put(fields, "target_id", entry.targetId());
        fields.put("outcome", entry.outcome().wireName());
        put(fields, "error_code", entry.errorCode() == null ? null : entry.errorCode().name());
        put(fields, "reason", entry.reason());
        put(fields, "request_id", entry.requestId());
        put(fields, "client_address", entry.clientAddress());
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            return fields.toString(); // strings only: cannot happen, and the event must not be lost over it
        }
    }

    private static void put(Map<String, Object> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    static void sinkFailed(AuditSink sink, AuditEntry entry, RuntimeException failure) {
        LOG.error("Audit sink {} failed ({}); the event: {}", sink.getClass().getName(), failure.toString(), line(entry));
    }
}
