package io.pipelinemanager.core.internal.io.ingress;

/** A value that does not fit its column; the parser adds record number and column. Cheap (no stack trace). */
final class BadValueException extends Exception {
    private static final long serialVersionUID = 1L;

    BadValueException(String reason) {
        super(reason, null, false, false);
    }
}
