package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.internal.engine.zset.ZSet;

/** What a view subscriber receives: the view's changes of one step, or the end of the stream. */
public sealed interface ChangeEvent {

    /** The view's changes in step {@code step}, or with {@code snapshot} its whole contents after that step. */
    record Changes(long step, boolean snapshot, ZSet delta) implements ChangeEvent {
    }

    /** The stream ended: the pipeline stopped (error null) or the subscription failed (error set). */
    record End(PipelineError error) implements ChangeEvent {
    }
}
