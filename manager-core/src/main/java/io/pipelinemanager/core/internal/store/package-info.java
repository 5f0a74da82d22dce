/**
 * The manager's persistence boundary: a transactional {@link io.pipelinemanager.core.internal.store.Store}
 * whose sessions speak only {@code core.api} records. Implementations translate their own
 * exceptions into {@link io.pipelinemanager.core.api.ManagerException}s at this edge; a database
 * that cannot be reached is {@code DatabaseUnavailable} (HTTP 503), whatever the driver or pool says.
 *
 * <h2>Who writes which columns</h2>
 * Every program and pipeline row has two kinds of writers, and each writes only its own columns:
 * <ul>
 *   <li><b>Clients</b> (program and pipeline services) own name, description, code and its
 *       version, configuration, program reference and desired status. A client edit reads the
 *       row, checks its rules and writes the whole row back, guarded by the row's version
 *       ({@code row_version}): if anything changed the row in between, the store runs the edit
 *       again on fresh data, so the edit's checks see the current state.</li>
 *   <li><b>Background writers</b> own the status columns: the compiler a program's status, status
 *       time, diagnostics and schema; the reconciler a pipeline's status, status time, error and
 *       pinned program version. They never write a copy of the row: they use a targeted update
 *       ({@link io.pipelinemanager.core.internal.store.StoreSession#updateProgramStatus},
 *       {@link io.pipelinemanager.core.internal.store.StoreSession#updatePipelineStatus}) that sets
 *       only those columns, and only while the row still is what the writer's work was based on
 *       (the program's code version and status; the pipeline's status) — a condition checked by
 *       the database in the same statement. The update bumps {@code row_version}, so a client edit
 *       that read the row before it is re-run rather than writing an outdated status back.</li>
 *   <li><b>Leases</b> live in their own table ({@code work_lease}), written only by the lease
 *       manager with the same read-then-guarded-write pattern; they hold no client data.</li>
 *   <li><b>API keys</b> ({@code api_key}) are inserted once and then changed only by targeted updates
 *       that cannot undo each other: revocation sets {@code revoked_at} if it is empty, authentication
 *       sets {@code last_used_at} if it is older than a minute. Hence no {@code row_version}.</li>
 *   <li><b>Audit events</b> ({@code audit_event}) are only inserted, and deleted by age.</li>
 * </ul>
 * Together: an edit a client saw acknowledged is never undone by a background write, and a status
 * a background writer stored is never overwritten by a client's stale copy.
 *
 * <h2>Projections</h2>
 * Read paths that need only a few columns select only those instead of whole rows (a program's
 * row carries its code, up to 1 MiB): the compile queue
 * ({@link io.pipelinemanager.core.internal.store.StoreSession#compileQueue}: id, tenant, version —
 * for queue positions and the compiler's passes) and the counts by status
 * ({@link io.pipelinemanager.core.internal.store.StoreSession#countProgramsByStatus},
 * {@link io.pipelinemanager.core.internal.store.StoreSession#countPipelinesByStatus} — for metrics).
 */
package io.pipelinemanager.core.internal.store;
