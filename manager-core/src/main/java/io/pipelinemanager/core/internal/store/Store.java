package io.pipelinemanager.core.internal.store;

import java.util.function.Function;

/**
 * Transactional access to the manager's state. Work passed to {@link #write} runs in one
 * transaction: every row it changes is version-guarded, and a concurrent change of the same row
 * makes the whole transaction fail with {@code OutdatedVersion}. Persistence failures come out as
 * {@link io.pipelinemanager.core.api.ManagerException}s.
 */
public interface Store extends AutoCloseable {

    /** Runs read-only work; retried with backoff when the database connection fails transiently. */
    <T> T read(Function<StoreSession, T> work);

    /** Runs work in one read-write transaction and commits it. */
    <T> T write(Function<StoreSession, T> work);

    /** Releases the store's resources (not a data source supplied by the host). */
    @Override
    void close();
}
