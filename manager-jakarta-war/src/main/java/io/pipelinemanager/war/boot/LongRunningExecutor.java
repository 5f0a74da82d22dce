package io.pipelinemanager.war.boot;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedExecutors;
import jakarta.enterprise.concurrent.ManagedTask;

import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The container's managed executor as the {@code Executor} the manager's builder takes. The manager
 * gives it only its step worker loops ({@code pm.runner.step-threads} of them, which take the steps of
 * every pipeline) and they run as long as the manager, so every task is marked
 * {@link ManagedTask#LONGRUNNING_HINT} (the container must not treat it as hung). The container owns the executor's life; the manager
 * only submits to it.
 */
public final class LongRunningExecutor implements Executor {

    private static final Map<String, String> LONG_RUNNING = Map.of(ManagedTask.LONGRUNNING_HINT, "true");

    private final ManagedExecutorService managed;

    /** Runs tasks on {@code managed}. */
    public LongRunningExecutor(ManagedExecutorService managed) {
        this.managed = managed;
    }

    @Override
    public void execute(Runnable task) {
        managed.execute(ManagedExecutors.managedTask(task, LONG_RUNNING, null));
    }
}
