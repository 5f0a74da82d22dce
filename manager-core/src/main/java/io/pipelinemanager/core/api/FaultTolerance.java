package io.pipelinemanager.core.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * How much of a pipeline's state survives a stop, a crash or a takeover (pipeline configuration
 * {@code fault_tolerance}). Every mode but {@link #NONE} needs the manager's checkpoint store
 * ({@code pm.checkpoint.*}).
 */
public enum FaultTolerance {
    /** State lives in memory only: a stop, crash or takeover starts the pipeline with empty tables ({@code none}). */
    NONE("none"),
    /**
     * A stop or shutdown writes a checkpoint and the next start resumes from it; a crash loses what happened
     * since the last checkpoint (periodic ones every {@code checkpoint_interval_secs}) ({@code checkpoint}).
     */
    CHECKPOINT("checkpoint"),
    /**
     * Every ingress request is journaled durably before it is acknowledged, with the steps that applied it;
     * after a stop, crash or takeover the pipeline loads its last checkpoint and replays the journal, so its
     * views and step numbers equal those of a run that never stopped ({@code exactly_once}, the default).
     */
    EXACTLY_ONCE("exactly_once");

    private final String value;

    FaultTolerance(String value) {
        this.value = value;
    }

    /** The setting's value in JSON: {@code none}, {@code checkpoint} or {@code exactly_once}. */
    public String value() {
        return value;
    }

    /** Whether the pipeline keeps state across a stop (checkpoints). */
    public boolean checkpoints() {
        return this != NONE;
    }

    /** The constant whose {@link #value()} (case-insensitive) is {@code text}; {@code InvalidConfig} otherwise. */
    public static FaultTolerance fromValue(String text) {
        for (FaultTolerance mode : values()) {
            if (mode.value.equals(text == null ? null : text.toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new ManagerException(ErrorCode.InvalidConfig, "Configuration value 'fault_tolerance' must be one of "
                + Arrays.stream(values()).map(FaultTolerance::value).toList() + ", not '" + text + "'",
                Map.of("field", "fault_tolerance", "value", String.valueOf(text)));
    }
}
