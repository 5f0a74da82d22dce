package io.pipelinemanager.core.api;

import java.util.Locale;

/** How an audited call ended. */
public enum AuditOutcome {
    /** The operation was done. */
    SUCCESS,
    /** The caller was refused before anything was done: authentication failed, or its role does not allow it. */
    DENIED,
    /** The operation was allowed but failed (bad input, conflict, unavailable database, ...); nothing changed. */
    FAILURE;

    /** The outcome as written in the REST API and the audit log ({@code success}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome with that wire name (any case), or {@code null} when there is none. */
    public static AuditOutcome fromWireName(String name) {
        if (name == null) {
            return null;
        }
        for (AuditOutcome outcome : values()) {
            if (outcome.name().equalsIgnoreCase(name.trim())) {
                return outcome;
            }
        }
        return null;
    }
}
