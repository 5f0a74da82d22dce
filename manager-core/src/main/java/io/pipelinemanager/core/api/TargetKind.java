package io.pipelinemanager.core.api;

import java.util.Locale;

/** The kind of object an {@link Operation} acts on, as the audit log names it. */
public enum TargetKind {
    /** A program (its SQL code is never recorded: its name and id are). */
    PROGRAM,
    /** A pipeline. */
    PIPELINE,
    /** An API key (its secret and hash are never recorded: its name is). */
    API_KEY,
    /** The tenant's audit log. */
    AUDIT_LOG,
    /** A tenant (created on its first authenticated use). */
    TENANT,
    /** The caller itself ({@link Operation#ME}). */
    CALLER;

    /** The name used in the REST API and the audit log ({@code api_key}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
