package io.pipelinemanager.core.internal.checkpoint;

import io.pipelinemanager.core.api.PipelineId;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The open journals of a store, one per pipeline. A journal whose write failed is replaced by a fresh one,
 * opened from what is stored, at the next request.
 */
final class Journals<J extends GroupCommitJournal> {

    /** Opens the journal of a pipeline from storage. */
    @FunctionalInterface
    interface Opener<J> {
        J open(PipelineId pipeline) throws IOException;
    }

    private final Map<PipelineId, J> open = new HashMap<>();
    private final Opener<J> opener;

    Journals(Opener<J> opener) {
        this.opener = opener;
    }

    synchronized J get(PipelineId pipeline) throws IOException {
        J current = open.get(pipeline);
        if (current == null || current.failed()) {
            if (current != null) {
                current.close();
            }
            current = opener.open(pipeline);
            open.put(pipeline, current);
        }
        return current;
    }

    /** Closes and forgets the pipeline's journal (before its storage is cleared). */
    synchronized void remove(PipelineId pipeline) {
        J current = open.remove(pipeline);
        if (current != null) {
            current.close();
        }
    }

    synchronized void closeAll() {
        open.values().forEach(GroupCommitJournal::close);
        open.clear();
    }
}
