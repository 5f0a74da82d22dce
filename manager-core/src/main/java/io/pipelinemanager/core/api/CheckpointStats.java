package io.pipelinemanager.core.api;

import java.time.Instant;
import java.util.Objects;

/**
 * What a running pipeline's durability costs and where it stands, part of {@link PipelineStats}.
 *
 * @param faultTolerance        the pipeline's mode
 * @param store                 the checkpoint store's kind ({@code directory} or {@code database}), null in mode none
 * @param checkpoints           checkpoints this run has written
 * @param lastCheckpointStep    the step the last checkpoint holds (written by this run or loaded at start), -1 if none
 * @param lastCheckpointAt      when the last checkpoint was captured, null if none
 * @param lastCheckpointBytes   its stored size in bytes
 * @param lastCheckpointMillis  how long it took from capture until it was durable (encoding and writing, in the
 *                              background)
 * @param lastCheckpointPauseMicros how long steps (not ingress) stood still to capture it
 * @param lastCheckpointError   why the last attempt failed, null when it succeeded
 * @param journalBytes          bytes the input journal holds now (0 unless {@code exactly_once})
 * @param recoveryMillis        how long loading the checkpoint and replaying the journal took at start
 * @param replayedRecords       input records replayed from the journal at start
 */
public record CheckpointStats(FaultTolerance faultTolerance, String store, long checkpoints, long lastCheckpointStep,
                              Instant lastCheckpointAt, long lastCheckpointBytes, long lastCheckpointMillis,
                              long lastCheckpointPauseMicros, String lastCheckpointError, long journalBytes,
                              long recoveryMillis, long replayedRecords) {

    /** A pipeline that keeps no state. */
    public static final CheckpointStats NONE = new CheckpointStats(FaultTolerance.NONE, null, 0, -1, null, 0, 0, 0, null,
            0, 0, 0);

    public CheckpointStats {
        Objects.requireNonNull(faultTolerance, "faultTolerance");
    }
}
