package io.pipelinemanager.core.internal.runner;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The step scheduler alone: fairness of the ready queue, deadlines, signals racing turns, worker loops. */
class StepSchedulerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Worker loops submitted to the executor, each started on a thread of its own when the test says. */
    private final List<Runnable> submitted = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Executor deferred = submitted::add;
    private final Executor immediate = task -> {
        submitted.add(task);
        startThread(task);
    };
    private final List<StepScheduler> schedulers = new ArrayList<>();

    @AfterEach
    void end() throws InterruptedException {
        schedulers.forEach(StepScheduler::close);
        for (Thread t : threads) {
            t.join(WAIT.toMillis());
            assertThat(t.isAlive()).as("worker loop ended by close").isFalse();
        }
    }

    private StepScheduler scheduler(Executor executor, int workers) {
        StepScheduler scheduler = new StepScheduler(executor, workers);
        schedulers.add(scheduler);
        return scheduler;
    }

    private void startThread(Runnable task) {
        Thread t = new Thread(task, "step-test-" + threads.size());
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void startSubmitted() {
        submitted.forEach(this::startThread);
    }

    @Test
    void readyTasksTakeTurnsInOrderSoAConstantStreamStarvesNoOne() {
        StepScheduler scheduler = scheduler(deferred, 1);
        List<String> turns = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger total = new AtomicInteger();
        for (String name : List.of("a", "b", "c")) {
            // Always more work: each turn asks to run again at once, until 300 turns in all.
            scheduler.register(() -> {
                turns.add(name);
                return total.incrementAndGet() < 300 ? StepScheduler.NOW : StepScheduler.DONE;
            }).signal();
        }
        startSubmitted();
        await().atMost(WAIT).until(() -> scheduler.tasks() < 3);
        List<String> seen = List.copyOf(turns);
        assertThat(seen.size()).isGreaterThanOrEqualTo(300);
        for (int i = 0; i + 3 < seen.size(); i++) {
            assertThat(seen.get(i + 3)).as("turn " + (i + 3) + " of " + seen).isEqualTo(seen.get(i));
        }
        assertThat(seen.subList(0, 3)).containsExactly("a", "b", "c");
    }

    @Test
    void aTaskSignalledByABusyOneRunsBeforeTheBusyOneRunsAgain() {
        StepScheduler scheduler = scheduler(immediate, 1);
        List<String> turns = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<StepScheduler.Handle> quiet = new AtomicReference<>();
        AtomicInteger busyTurns = new AtomicInteger();
        quiet.set(scheduler.register(() -> {
            turns.add("quiet");
            return StepScheduler.PARK;
        }));
        scheduler.register(() -> {
            int n = busyTurns.incrementAndGet();
            turns.add("busy");
            if (n % 10 == 0) {
                quiet.get().signal(); // ingress for the quiet pipeline arrives while the busy one steps
            }
            return n < 100 ? StepScheduler.NOW : StepScheduler.DONE;
        }).signal();
        await().atMost(WAIT).until(() -> scheduler.tasks() == 1 && turns.stream().filter("quiet"::equals).count() == 10);
        List<String> seen = List.copyOf(turns);
        assertThat(busyTurns).hasValue(100);
        int busy = 0;
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i).equals("busy") && ++busy % 10 == 0 && busy < 100) {
                assertThat(seen.get(i + 1)).as("turn after busy turn " + busy).isEqualTo("quiet");
            }
        }
    }

    @Test
    void aTaskRunsAgainAtItsDeadlineNotBefore() {
        StepScheduler scheduler = scheduler(immediate, 2);
        AtomicLong deadline = new AtomicLong();
        List<Long> ranAt = new CopyOnWriteArrayList<>();
        scheduler.register(() -> {
            long now = System.nanoTime();
            ranAt.add(now);
            if (ranAt.size() == 1) {
                deadline.set(now + TimeUnit.MILLISECONDS.toNanos(100));
                return deadline.get();
            }
            return StepScheduler.PARK;
        }).signal();
        await().atMost(WAIT).until(() -> ranAt.size() == 2);
        assertThat(ranAt.get(1) - deadline.get()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void deadlinesWakeTasksInTheirOrder() {
        StepScheduler scheduler = scheduler(deferred, 1);
        List<String> turns = new CopyOnWriteArrayList<>();
        AtomicLong start = new AtomicLong();
        for (String[] task : new String[][] {{"late", "900"}, {"early", "300"}, {"middle", "600"}}) {
            AtomicInteger n = new AtomicInteger();
            scheduler.register(() -> {
                if (n.getAndIncrement() == 0) {
                    // The three first turns follow each other at once: deadlines relative to the first of them.
                    start.compareAndSet(0, System.nanoTime());
                    return start.get() + TimeUnit.MILLISECONDS.toNanos(Long.parseLong(task[1]));
                }
                turns.add(task[0]);
                return StepScheduler.PARK;
            }).signal();
        }
        startSubmitted();
        await().atMost(WAIT).until(() -> turns.size() == 3);
        assertThat(turns).containsExactly("early", "middle", "late");
    }

    @Test
    void aSignalWhileTheTurnDecidesThereIsNoWorkIsNotLost() {
        StepScheduler scheduler = scheduler(immediate, 1);
        AtomicBoolean work = new AtomicBoolean();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<StepScheduler.Handle> handle = new AtomicReference<>();
        CountDownLatch registered = new CountDownLatch(1);
        handle.set(scheduler.register(() -> {
            if (work.getAndSet(false)) {
                done.incrementAndGet();
                return StepScheduler.PARK;
            }
            // No work found; before the turn answers PARK, another thread brings work and signals.
            Thread producer = new Thread(() -> {
                awaitQuietly(registered);
                work.set(true);
                handle.get().signal();
            });
            producer.start();
            joinQuietly(producer);
            return StepScheduler.PARK;
        }));
        registered.countDown();
        handle.get().signal();
        await().atMost(WAIT).until(() -> done.get() == 1);
    }

    @Test
    void everySignalledWorkIsTakenUnderConcurrentSignals() throws InterruptedException {
        StepScheduler scheduler = scheduler(immediate, 3);
        int tasks = 20;
        AtomicLong[] produced = new AtomicLong[tasks];
        AtomicLong[] consumed = new AtomicLong[tasks];
        AtomicInteger[] running = new AtomicInteger[tasks];
        List<StepScheduler.Handle> handles = new ArrayList<>();
        AtomicBoolean overlap = new AtomicBoolean();
        for (int i = 0; i < tasks; i++) {
            int k = i;
            produced[k] = new AtomicLong();
            consumed[k] = new AtomicLong();
            running[k] = new AtomicInteger();
            handles.add(scheduler.register(() -> {
                if (running[k].incrementAndGet() != 1) {
                    overlap.set(true); // two turns of one task at once
                }
                consumed[k].set(produced[k].get());
                running[k].decrementAndGet();
                return ThreadLocalRandom.current().nextBoolean() ? StepScheduler.PARK
                        : System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(200);
            }));
        }
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            Thread producer = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int n = 0; n < 20_000; n++) {
                    int k = random.nextInt(tasks);
                    produced[k].incrementAndGet();
                    handles.get(k).signal();
                }
            });
            producers.add(producer);
            producer.start();
        }
        for (Thread producer : producers) {
            producer.join();
        }
        for (int i = 0; i < tasks; i++) {
            int k = i;
            await().atMost(WAIT).until(() -> consumed[k].get() == produced[k].get());
        }
        assertThat(overlap).isFalse();
    }

    @Test
    void theExecutorHostsOnlyTheWorkerLoopsWhateverTheNumberOfTasks() {
        StepScheduler scheduler = scheduler(immediate, 3);
        AtomicInteger turns = new AtomicInteger();
        for (int i = 0; i < 40; i++) {
            scheduler.register(() -> {
                turns.incrementAndGet();
                return StepScheduler.PARK;
            }).signal();
        }
        await().atMost(WAIT).until(() -> turns.get() == 40);
        assertThat(submitted).hasSize(3);
        assertThat(scheduler.tasks()).isEqualTo(40);
    }

    @Test
    void aCancelledTaskRunsNoMoreUnlessItsTurnWasRunning() throws InterruptedException {
        StepScheduler scheduler = scheduler(immediate, 1);
        AtomicInteger parkedTurns = new AtomicInteger();
        StepScheduler.Handle parked = scheduler.register(() -> {
            parkedTurns.incrementAndGet();
            return StepScheduler.PARK;
        });
        assertThat(parked.cancelUnlessRunning()).isTrue();
        parked.signal();
        assertThat(parked.cancelUnlessRunning()).isFalse(); // already ended
        CountDownLatch inTurn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runningTurns = new AtomicInteger();
        StepScheduler.Handle running = scheduler.register(() -> {
            if (runningTurns.incrementAndGet() == 1) {
                inTurn.countDown();
                awaitQuietly(release);
                return StepScheduler.PARK;
            }
            return StepScheduler.DONE;
        });
        running.signal();
        assertThat(inTurn.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(running.cancelUnlessRunning()).isFalse();
        release.countDown();
        // The cancel came during the turn: the task runs once more (and ends itself).
        await().atMost(WAIT).until(() -> runningTurns.get() == 2 && scheduler.tasks() == 0);
        assertThat(parkedTurns).hasValue(0);
    }

    @Test
    void aRefusedWorkerLoopRegistersNothing() {
        StepScheduler scheduler = scheduler(task -> {
            throw new RejectedExecutionException("suspended");
        }, 2);
        assertThatThrownBy(() -> scheduler.register(() -> StepScheduler.DONE))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(scheduler.tasks()).isZero();
        assertThat(scheduler.workers()).isEqualTo(2);
    }

    @Test
    void aFailingTurnEndsOnlyItsTask() {
        StepScheduler scheduler = scheduler(immediate, 1);
        scheduler.register(() -> {
            throw new IllegalStateException("boom");
        }).signal();
        AtomicInteger turns = new AtomicInteger();
        scheduler.register(() -> {
            turns.incrementAndGet();
            return StepScheduler.PARK;
        }).signal();
        await().atMost(WAIT).until(() -> turns.get() == 1 && scheduler.tasks() == 1);
    }

    @Test
    void aWorkerEndingWhileItWatchesTheDeadlinesHandsThemToAnIdleWorker() {
        AtomicLong clock = new AtomicLong();
        AtomicInteger offered = new AtomicInteger();
        Executor twoLoops = task -> {
            if (offered.incrementAndGet() > 2) {
                throw new RejectedExecutionException("no replacement: only the idle worker can take over");
            }
            immediate.execute(task);
        };
        StepScheduler scheduler = new StepScheduler(twoLoops, 2, clock::get);
        schedulers.add(scheduler);
        AtomicInteger turns = new AtomicInteger();
        scheduler.register(() -> turns.incrementAndGet() == 1 ? clock.get() + TimeUnit.HOURS.toNanos(1)
                : StepScheduler.PARK).signal();
        // One worker waits for the deadline (timed), the other for a signal.
        await().atMost(WAIT).until(() -> turns.get() == 1 && threads.size() == 2
                && threads.stream().filter(t -> t.getState() == Thread.State.TIMED_WAITING).count() == 1
                && threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count() == 1);
        Thread leader = threads.stream().filter(t -> t.getState() == Thread.State.TIMED_WAITING).findFirst().orElseThrow();
        clock.addAndGet(TimeUnit.HOURS.toNanos(2));
        leader.interrupt();
        await().atMost(WAIT).until(() -> turns.get() == 2);
    }

    @Test
    void anEndedWorkerIsReplacedWhileTheSchedulerIsOpen() {
        StepScheduler scheduler = scheduler(immediate, 1);
        AtomicInteger turns = new AtomicInteger();
        StepScheduler.Handle handle = scheduler.register(() -> {
            turns.incrementAndGet();
            return StepScheduler.PARK;
        });
        Thread first = threads.get(0);
        first.interrupt();
        await().atMost(WAIT).until(() -> !first.isAlive() && submitted.size() == 2);
        handle.signal();
        await().atMost(WAIT).until(() -> turns.get() == 1);
    }

    @Test
    void aWorkerEndedByAnErrorIsReplaced() {
        AtomicBoolean failed = new AtomicBoolean();
        StepScheduler scheduler = new StepScheduler(immediate, 1, () -> {
            if (failed.compareAndSet(false, true)) {
                throw new Error("injected: the first worker loop fails between turns");
            }
            return System.nanoTime();
        });
        schedulers.add(scheduler);
        AtomicInteger turns = new AtomicInteger();
        StepScheduler.Handle handle = scheduler.register(() -> {
            turns.incrementAndGet();
            return StepScheduler.PARK;
        });
        // The error reaches the executor (here: the thread's uncaught-exception handler), not this test.
        await().dontCatchUncaughtExceptions().atMost(WAIT).until(() -> failed.get() && !threads.get(0).isAlive() && submitted.size() == 2);
        handle.signal();
        await().dontCatchUncaughtExceptions().atMost(WAIT).until(() -> turns.get() == 1);
    }

    @Test
    void aRefusedReplacementIsNotRetried() {
        AtomicInteger offered = new AtomicInteger();
        StepScheduler scheduler = scheduler(task -> {
            if (offered.incrementAndGet() > 1) {
                throw new RejectedExecutionException("suspended");
            }
            immediate.execute(task);
        }, 1);
        scheduler.register(() -> StepScheduler.PARK);
        Thread first = threads.get(0);
        first.interrupt();
        await().atMost(WAIT).until(() -> !first.isAlive());
        // The ended loop asked once for a replacement (before it ended), and no more.
        assertThat(offered).hasValue(2);
        assertThat(threads).hasSize(1);
    }

    @Test
    void aWorkerInterruptedInATurnRunsNoOtherTurnWithTheInterruptSet() {
        StepScheduler scheduler = scheduler(immediate, 1);
        List<Boolean> interruptedInTurn = new CopyOnWriteArrayList<>();
        StepScheduler.Handle other = scheduler.register(() -> {
            interruptedInTurn.add(Thread.currentThread().isInterrupted());
            return StepScheduler.PARK;
        });
        scheduler.register(() -> {
            Thread.currentThread().interrupt(); // say, the executor cancels its task during this turn
            other.signal();
            return StepScheduler.PARK;
        }).signal();
        await().atMost(WAIT).until(() -> interruptedInTurn.size() == 1);
        // Another pipeline's turn on an interrupted thread: its database I/O fails (H2 closes its file on it).
        assertThat(interruptedInTurn).containsExactly(false);
    }

    @Test
    void closeWaitsForTheTurnsThatRun() throws InterruptedException {
        StepScheduler scheduler = scheduler(immediate, 1);
        CountDownLatch inTurn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> events = new CopyOnWriteArrayList<>();
        scheduler.register(() -> {
            inTurn.countDown();
            awaitQuietly(release);
            events.add("turn ended");
            return StepScheduler.PARK;
        }).signal();
        assertThat(inTurn.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        Thread closer = new Thread(() -> {
            scheduler.close();
            events.add("closed");
        });
        closer.start();
        await().atMost(WAIT).until(() -> closer.getState() == Thread.State.TIMED_WAITING
                || closer.getState() == Thread.State.TERMINATED);
        release.countDown();
        closer.join(WAIT.toMillis());
        assertThat(events).containsExactly("turn ended", "closed");
    }

    @Test
    void aTurnThatClosesItsOwnSchedulerDoesNotWaitForItself() {
        AtomicReference<StepScheduler> self = new AtomicReference<>();
        AtomicLong closeNanos = new AtomicLong(-1);
        self.set(scheduler(immediate, 1));
        self.get().register(() -> {
            long started = System.nanoTime();
            self.get().close(); // a runner's own scheduler is closed by the runner's last turn
            closeNanos.set(System.nanoTime() - started);
            return StepScheduler.DONE;
        }).signal();
        await().atMost(WAIT).until(() -> closeNanos.get() >= 0);
        assertThat(closeNanos.get()).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
