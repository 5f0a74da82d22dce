package io.pipelinemanager.core.internal.engine;

import java.util.Set;

/**
 * Work counters of one operator. {@code last*} values describe the most recent step; {@code total*}
 * all steps. Rows are counted as distinct Z-set entries; {@code work} counts trace/state entries
 * the operator visited or updated (the measure of incrementality); {@code stateSize} is the number
 * of entries held in its traces and per-group state after the last step.
 */
public record OperatorCounters(int id, String kind, String label, Set<String> views,
                               long lastRowsIn, long lastRowsOut, long lastWork,
                               long totalRowsIn, long totalRowsOut, long totalWork, long stateSize) {
}
