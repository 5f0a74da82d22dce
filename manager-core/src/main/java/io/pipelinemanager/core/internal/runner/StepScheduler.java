package io.pipelinemanager.core.internal.runner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Runs the turns of many tasks (pipelines' step loops) on a few worker threads, so a task holds a thread only
 * while it has work. A task {@linkplain #register registered} here is run by one worker at a time; each
 * {@linkplain Task#turn turn} does a bounded amount of work (one step, one checkpoint) and answers when the task
 * wants its next turn: {@link #NOW} (more work is ready: to the back of the ready queue, so a task with a constant
 * stream of work takes turns with every other ready task), a {@link System#nanoTime} deadline (a timer wakes it), or
 * {@link #PARK} (until {@linkplain Handle#signal signalled}). A signal that arrives while the task's turn runs makes
 * it run again, whatever that turn answered, so the task never misses work that arrived after it decided it had
 * none. Ready tasks run in the order they became ready.
 *
 * <p>The workers are {@code workers} long-lived loops on the executor, started with the first task (one that ends
 * while the scheduler is open, interrupted or failed, is replaced); timers need no thread of their own (an idle
 * worker waits until the earliest deadline). Thread-safe.
 */
public final class StepScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StepScheduler.class);

    /** A turn's answer: run again as soon as a worker is free (after the tasks already ready). */
    public static final long NOW = Long.MIN_VALUE;
    /** A turn's answer: run again only when signalled. */
    public static final long PARK = Long.MAX_VALUE;
    /** A turn's answer: the task is finished; it never runs again. */
    public static final long DONE = Long.MIN_VALUE + 1;

    /** How long {@link #close} waits at most for the turns that run to end. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    /** The scheduler whose worker loop runs on this thread, if any (so a turn closing it does not wait for itself). */
    private static final ThreadLocal<StepScheduler> WORKER_OF = new ThreadLocal<>();

    /** One unit of a task's work, run by a worker. */
    @FunctionalInterface
    public interface Task {
        /**
         * Does a bounded amount of work and returns {@link #NOW}, {@link #PARK}, {@link #DONE} or the
         * {@link System#nanoTime} at which the task is due again. An exception ends the task (logged).
         */
        long turn();
    }

    private enum State { IDLE, TIMED, QUEUED, RUNNING, DONE }

    private final Executor executor;
    private final int workers;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a task becomes ready or the earliest deadline moves earlier. */
    private final Condition available = lock.newCondition();
    /** Signalled, once closed, when a turn ends. */
    private final Condition turnEnded = lock.newCondition();
    private final ArrayDeque<Handle> ready = new ArrayDeque<>();
    /** Tasks waiting for a deadline, earliest first (a task leaves it when it is signalled or ends). */
    private final TreeSet<Handle> timers = new TreeSet<>(Comparator.<Handle>comparingLong(h -> h.dueAt)
            .thenComparingLong(h -> h.id));
    private int running;
    /** Turns running now. */
    private int turns;
    /** Workers waiting in {@link #nextLocked}. */
    private int idle;
    /** The idle worker waiting for the earliest deadline, if any. */
    private Thread leader;
    private long registered;
    private long nextId;
    private boolean closed;

    /** A scheduler of {@code workers} worker loops on {@code executor}. */
    public StepScheduler(Executor executor, int workers) {
        this(executor, workers, System::nanoTime);
    }

    StepScheduler(Executor executor, int workers, LongSupplier nanoTime) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        this.executor = executor;
        this.workers = workers;
        this.nanoTime = nanoTime;
    }

    /** The number of worker loops, one per available processor when {@code setting} is 0. */
    public static int workers(int setting) {
        return setting > 0 ? setting : Runtime.getRuntime().availableProcessors();
    }

    /** How many worker loops this scheduler keeps on its executor. */
    public int workers() {
        return workers;
    }

    /**
     * Registers {@code task}, parked: its first turn follows its first {@linkplain Handle#signal signal} (so the
     * caller can keep the handle before any turn runs). Starts the worker loops that are not running; a
     * {@link RejectedExecutionException} of the executor (when it runs none of them) is rethrown and registers nothing.
     */
    public Handle register(Task task) {
        lock.lock();
        try {
            Handle handle = new Handle(task, nextId++);
            if (closed) {
                throw new RejectedExecutionException("the step scheduler is closed");
            }
            startWorkersLocked();
            registered++;
            handle.state = State.IDLE;
            return handle;
        } finally {
            lock.unlock();
        }
    }

    private void startWorkersLocked() {
        while (running < workers) {
            try {
                executor.execute(this::work);
            } catch (RejectedExecutionException e) {
                if (running == 0) {
                    throw e;
                }
                LOG.warn("The executor runs {} of {} step worker loops: it refused another ({})", running, workers,
                        e.getMessage());
                return;
            }
            running++;
        }
    }

    /** Tasks registered and not done. */
    public long tasks() {
        lock.lock();
        try {
            return registered;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the worker loops once their current turns end and waits for those turns (up to {@link #CLOSE_WAIT},
     * whatever interrupts; a turn that closes its own scheduler is not waited for), so what the turns use (the
     * checkpoint store, the connection pool) can be closed after this; registered tasks run no further turns.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            available.signalAll();
            int own = WORKER_OF.get() == this ? 1 : 0;
            boolean ended = UninterruptibleWait.await(CLOSE_WAIT, nanos -> {
                if (turns > own) {
                    turnEnded.awaitNanos(nanos);
                }
                return turns <= own;
            });
            if (!ended) {
                LOG.warn("{} step turn(s) still run {} after the step scheduler closed", turns - own, CLOSE_WAIT);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A worker loop: runs ready tasks' turns until the scheduler closes or its thread is interrupted (checked before
     * every turn: a turn never starts on an interrupted thread). A loop that ends while the scheduler is open is
     * replaced by a new one on the executor (once: a refusal is not retried).
     */
    private void work() {
        WORKER_OF.set(this);
        lock.lock();
        try {
            // An interrupted thread runs no further turn: its database I/O would fail (H2's file store closes its file
            // on an interrupt). The loop ends with the interrupt kept for the executor, and another replaces it.
            while (!closed && !Thread.currentThread().isInterrupted()) {
                Handle next = nextLocked();
                if (next == null) {
                    continue;
                }
                next.state = State.RUNNING;
                next.signalled = false;
                turns++;
                lock.unlock();
                long answer;
                try {
                    answer = runTurn(next);
                } finally {
                    lock.lock();
                    turns--;
                    if (closed) {
                        turnEnded.signalAll();
                    }
                }
                afterTurnLocked(next, answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("A step worker loop failed", e);
            throw e;
        } finally {
            running--;
            if (idle > 0) {
                available.signal(); // this loop may have watched the deadlines: an idle one takes them over
            }
            if (!closed) {
                if (Thread.currentThread().isInterrupted()) {
                    LOG.debug("A step worker loop's thread was interrupted: the loop ends and another replaces it");
                }
                replaceLocked();
            }
            lock.unlock();
            WORKER_OF.remove();
        }
    }

    /** Starts a loop in place of one that ended while the scheduler is open; a refusal is logged, not retried. */
    private void replaceLocked() {
        try {
            startWorkersLocked();
        } catch (RejectedExecutionException e) {
            LOG.warn("The executor refused to replace an ended step worker loop: none runs until the next pipeline "
                    + "starts ({})", e.getMessage());
        }
    }

    private static long runTurn(Handle handle) {
        try {
            return handle.task.turn();
        } catch (RuntimeException | Error e) {
            LOG.error("A scheduled task failed and was ended", e);
            return DONE;
        }
    }

    /**
     * The next ready task, or null after waiting: for a signal, or (one worker at a time, the leader) until the
     * earliest deadline; the other idle workers wait for a signal, so a deadline wakes one worker, not all.
     */
    private Handle nextLocked() throws InterruptedException {
        long now = nanoTime.getAsLong();
        while (!timers.isEmpty() && timers.first().dueAt - now <= 0) {
            enqueueLocked(timers.first());
        }
        Handle next = ready.poll();
        if (next != null) {
            if (idle > 0 && (!ready.isEmpty() || leader == null && !timers.isEmpty())) {
                available.signal(); // another idle worker takes the next ready task, or watches the deadlines
            }
            return next;
        }
        idle++;
        try {
            if (timers.isEmpty() || leader != null) {
                available.await();
            } else {
                Thread me = Thread.currentThread();
                leader = me;
                try {
                    available.awaitNanos(timers.first().dueAt - now);
                } finally {
                    if (leader == me) {
                        leader = null;
                    }
                }
            }
        } finally {
            idle--;
        }
        return null;
    }

    private void afterTurnLocked(Handle handle, long answer) {
        if (answer == DONE || closed) {
            doneLocked(handle);
        } else if (handle.signalled || answer == NOW) {
            enqueueLocked(handle);
        } else if (answer == PARK) {
            handle.state = State.IDLE;
        } else if (answer - nanoTime.getAsLong() <= 0) {
            enqueueLocked(handle);
        } else {
            boolean earliest = timers.isEmpty() || answer - timers.first().dueAt < 0;
            handle.state = State.TIMED;
            handle.dueAt = answer;
            timers.add(handle);
            if (earliest) {
                leader = null; // the leader waits for a later deadline: an idle worker takes over
                if (idle > 0) {
                    available.signal();
                }
            }
        }
    }

    private void enqueueLocked(Handle handle) {
        leaveStateLocked(handle);
        handle.state = State.QUEUED;
        ready.add(handle);
        if (idle > 0) {
            available.signal();
        }
    }

    private void doneLocked(Handle handle) {
        if (handle.state != State.DONE) {
            leaveStateLocked(handle);
            handle.state = State.DONE;
            registered--;
        }
    }

    /** Takes the handle out of the ready queue or the timers, where its state put it. */
    private void leaveStateLocked(Handle handle) {
        if (handle.state == State.TIMED) {
            timers.remove(handle);
        } else if (handle.state == State.QUEUED) {
            ready.remove(handle);
        }
    }

    /** A registered task. */
    public final class Handle {
        private final Task task;
        /** Orders timers with the same deadline. */
        private final long id;
        // Guarded by the scheduler's lock.
        private State state;
        private boolean signalled;
        /** The deadline while {@link State#TIMED}. */
        private long dueAt;

        private Handle(Task task, long id) {
            this.task = task;
            this.id = id;
        }

        /**
         * Tells the task it may have work: a parked or waiting task becomes ready, a running one runs again after
         * its turn. Cheap when the task is already ready; nothing once it is done.
         */
        public void signal() {
            lock.lock();
            try {
                switch (state) {
                    case IDLE, TIMED -> enqueueLocked(this);
                    case RUNNING -> signalled = true;
                    default -> {
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        /**
         * Ends the task unless a turn of it runs now: true when it was ready, parked or waiting (it runs no further
         * turn; the caller finishes it); false when a turn runs (the task runs again after it, see {@link #signal}) or
         * it is already done.
         */
        public boolean cancelUnlessRunning() {
            lock.lock();
            try {
                switch (state) {
                    case RUNNING -> {
                        signalled = true;
                        return false;
                    }
                    case DONE -> {
                        return false;
                    }
                    default -> {
                        doneLocked(this);
                        return true;
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
