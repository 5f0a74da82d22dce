/**
 * Wake-ups of the background loops. The compiler and the reconciler do not wait a fixed poll interval for work:
 * each waits on a {@link io.pipelinemanager.core.internal.wakeup.WakeUp} signal with its interval
 * ({@code pm.compiler.poll-interval-ms}, {@code pm.runner.reconcile-interval-ms}) as the timeout. The services
 * raise the signal of the loop concerned after their change committed ({@link
 * io.pipelinemanager.core.internal.wakeup.Wakeups#changed}): a program created or its code edited wakes the
 * compiler; a start, pause or shutdown request, a stored compilation result and released pipeline leases wake the
 * reconciler, which also wakes itself after each status it writes and when a compilation or a runner's loading
 * finishes, so a pipeline moves through its statuses without waiting for polls. A loop reads the signal's counter
 * before its pass and waits only while it has not moved, so a signal raised during a pass is never lost.
 *
 * <p>Across instances sharing one PostgreSQL database, {@link io.pipelinemanager.core.internal.wakeup.PostgresWakeups}
 * announces each change with {@code NOTIFY} and listens on a dedicated connection (reconnecting after failures,
 * waking every loop after each reconnection, and polling meanwhile); {@code pm.db.notify=false} turns it off. H2
 * has no {@code NOTIFY}: there other instances see changes at their poll intervals.
 */
package io.pipelinemanager.core.internal.wakeup;
