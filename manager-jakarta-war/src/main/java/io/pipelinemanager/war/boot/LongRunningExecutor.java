package io.pipelinemanager.war.boot;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedExecutors;
import jakarta.enterprise.concurrent.ManagedTask;

import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The container's managed executor as the {@code ExecutorService} the manager's builder takes. A
 * pipeline's step loop runs as long as the pipeline, so every task is marked
 * {@link ManagedTask#LONGRUNNING_HINT} (the container must not treat it as hung). The container owns
 * the executor's life: {@link #shutdown()} only stops this view from accepting tasks.
 */
public final class LongRunningExecutor extends AbstractExecutorService {

    private static final Map<String, String> LONG_RUNNING = Map.of(ManagedTask.LONGRUNNING_HINT, "true");

    private final ManagedExecutorService managed;
    private volatile boolean shutdown;

    /** Runs tasks on {@code managed}. */
    public LongRunningExecutor(ManagedExecutorService managed) {
        this.managed = managed;
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("The manager's executor is shut down");
        }
        managed.execute(ManagedExecutors.managedTask(task, LONG_RUNNING, null));
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    /** Tasks may still run on the container's threads; the container ends them at undeploy. */
    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }
}
