/**
 * Durable pipeline state: checkpoints of a circuit's state and the input journal that bounds what a
 * restart must replay. {@link io.pipelinemanager.core.internal.checkpoint.CheckpointStore} is the
 * storage boundary (a local directory or the shared database); the byte format of checkpoints and
 * journal records is our own, versioned in its header and checksummed, and never Java serialization.
 */
package io.pipelinemanager.core.internal.checkpoint;
