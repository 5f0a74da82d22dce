package io.pipelinemanager.core.internal.checkpoint;

/**
 * What a checkpoint holds, recorded beside its body.
 *
 * @param step             the pipeline's step count when the state was captured (steps survive a restart)
 * @param journalSequence  the sequence number of the last journal record whose effect the state includes;
 *                         replay starts after it
 * @param programHash      fingerprint of the compiled program ({@code ProgramHash}); a different program
 *                         cannot resume from this state
 * @param formatVersion    the body's format version
 * @param createdAtMillis  when it was captured, epoch milliseconds
 * @param bytes            size of the stored body in bytes (0 before it is written)
 */
public record CheckpointInfo(long step, long journalSequence, String programHash, int formatVersion,
                             long createdAtMillis, long bytes) {

    /** A copy with the stored size. */
    public CheckpointInfo withBytes(long size) {
        return new CheckpointInfo(step, journalSequence, programHash, formatVersion, createdAtMillis, size);
    }
}
