/**
 * Egress: encodes view changes and snapshots for clients. {@link io.pipelinemanager.core.internal.io.egress.JsonChangeEncoder}
 * writes a step's delta as NDJSON {@code {"insert": {...}}}/{@code {"delete": {...}}} lines (bare, or one
 * {@code {"step": n, "changes": [...]}} line per step) and snapshots; {@link io.pipelinemanager.core.internal.io.egress.CsvRowEncoder}
 * writes rows as RFC 4180 CSV. Values are formatted per SQL type by {@link io.pipelinemanager.core.internal.io.egress.ValueFormats}
 * so that everything written here parses back through ingress unchanged.
 */
package io.pipelinemanager.core.internal.io.egress;
