/**
 * Durable pipeline state: checkpoints of a circuit's state and the input journal that bounds what a
 * restart must replay. {@link io.pipelinemanager.core.internal.checkpoint.CheckpointStore} is the
 * storage boundary (a local directory or the shared database); the byte format of checkpoints and
 * journal records is our own, versioned in its header and checksummed, and never Java serialization.
 *
 * <p>Two stores, chosen by {@code pm.checkpoint.store} through
 * {@link io.pipelinemanager.core.internal.checkpoint.CheckpointStores#create}:
 * <ul>
 *   <li>{@link io.pipelinemanager.core.internal.checkpoint.DirectoryCheckpointStore} (default): one directory
 *       per pipeline under {@code pm.checkpoint.directory}. A checkpoint is a file written beside its final
 *       name, forced, renamed atomically, the directory forced, then older ones deleted. The journal is a run
 *       of segment files ({@link io.pipelinemanager.core.internal.checkpoint.DirectoryJournal}). For one
 *       manager instance per directory.</li>
 *   <li>{@link io.pipelinemanager.core.internal.checkpoint.DatabaseCheckpointStore}: tables of migration V4
 *       in the manager's database (PostgreSQL or H2), so another instance can resume the pipeline. A
 *       checkpoint is one transaction (metadata row and 1 MiB chunk rows); a journal record is a row. All
 *       rows go with the pipeline's row (ON DELETE CASCADE). H2 has no write-ahead log, so on H2 a durable
 *       commit ends with {@code CHECKPOINT SYNC} ({@link io.pipelinemanager.core.internal.checkpoint.Jdbc}).</li>
 * </ul>
 *
 * <p>Both frame a checkpoint body as chunks with a CRC32C each ({@link io.pipelinemanager.core.internal.checkpoint.Chunks})
 * and verify them while it is read; a mismatch, a missing chunk or a short body is
 * {@link io.pipelinemanager.core.internal.checkpoint.CorruptStateException}, never a silently shorter state.
 * Journal appends are group-committed ({@link io.pipelinemanager.core.internal.checkpoint.GroupCommitJournal}):
 * concurrent appenders share one {@code force()} or one transaction, and each returns once its record is
 * durable; {@link io.pipelinemanager.core.internal.checkpoint.Journal#appendNext} picks the sequence number
 * atomically for them. A journal refuses an append beyond {@code pm.checkpoint.journal-max-bytes}
 * ({@link io.pipelinemanager.core.internal.checkpoint.JournalFullException}, nothing written) until
 * {@code truncateThrough} (after a checkpoint) frees space.
 *
 * <p>Crash behaviour: a checkpoint write that did not return leaves the previous checkpoint (a temporary
 * file, deleted at the next start or write, or a rolled-back transaction). A journal append that did not
 * return may leave a torn last record in the newest segment file; opening the journal cuts it away. Damage
 * anywhere else is {@code CorruptStateException}: the store never guesses which acknowledged data to drop.
 * Sequence numbers survive truncation and restarts ({@code lastSequence} never goes back except by
 * {@code clear}).
 *
 * <p>{@link io.pipelinemanager.core.internal.checkpoint.CircuitStateCodec} writes a captured
 * {@code CircuitState} (magic, {@code FORMAT_VERSION}, CRC32C-checked chunks, an end marker) and reads it back
 * for a definition, refusing newer versions, truncation and corruption with
 * {@link io.pipelinemanager.core.internal.checkpoint.CorruptStateException}.
 * {@link io.pipelinemanager.core.internal.checkpoint.ZSetCodec} is the shared value/row/Z-set encoding (tagged
 * values, varints), also for journal records ({@code encodeDeltas}/{@code decodeDeltas}).
 */
package io.pipelinemanager.core.internal.checkpoint;
