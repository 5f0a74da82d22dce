/**
 * Ingress: parses one request body for one table into a consolidated engine {@code ZSet}
 * (inserts weight +1, deletes -1). Entry point {@link io.pipelinemanager.core.internal.io.ingress.Ingress#parse};
 * bodies are streamed (JSON through Jackson's streaming parser, CSV through a hand-written RFC 4180
 * reader) and only the consolidated rows are kept. Every record is converted and type-checked before the
 * Z-set is returned, so a request is all-or-nothing; errors are {@code ParseError} (naming record, column
 * and reason) or {@code BackPressure} when {@code maxRecords} is exceeded.
 */
package io.pipelinemanager.core.internal.io.ingress;
