package io.pipelinemanager.core.api;

import java.util.List;

/**
 * What a typed view subscription delivers per step: the view's changes in step {@code step} (deletes
 * before inserts, a row of multiplicity k repeated k times; otherwise in no particular order), or, with
 * {@code snapshot}, the view's whole contents after step {@code step} as inserts. Steps that did not change
 * the view are not delivered.
 *
 * @param step     the pipeline's step number (the snapshot's: the last step it includes)
 * @param snapshot whether this is the initial contents rather than a step's changes
 * @param changes  the changes, immutable
 * @param <T>      the row type
 */
public record ViewStep<T>(long step, boolean snapshot, List<Change<T>> changes) {

    public ViewStep {
        changes = List.copyOf(changes);
    }
}
