package io.pipelinemanager.core.api;

/** An accepted ingress request: the table, the record changes it buffered, and the pipeline's buffer after it. */
public record IngressResult(String table, long records, long bufferedRecords) {
}
