package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.FaultTolerance;
import io.pipelinemanager.core.api.PipelineId;
import io.pipelinemanager.core.internal.checkpoint.CheckpointInfo;
import io.pipelinemanager.core.internal.checkpoint.CheckpointStore;
import io.pipelinemanager.core.internal.checkpoint.Journal;
import io.pipelinemanager.core.internal.compiler.CompiledProgram;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.engine.Circuit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A checkpoint being written in the background when the pipeline stops on an interrupted thread: the stop waits for
 * it and never interrupts it (a store's write interrupted mid-way fails; H2's file store closes its file on it).
 */
class DurabilityCloseTest {

    private static final CompiledProgram PROGRAM = new SqlCompiler()
            .compile("CREATE TABLE t (x BIGINT); CREATE MATERIALIZED VIEW v AS SELECT x FROM t;")
            .artifact();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final BlockingStore store = new BlockingStore();
    private final Durability durability = Durability.of(store, PipelineId.random(), "p", FaultTolerance.CHECKPOINT,
            3600, "hash");

    @AfterEach
    void end() {
        store.release.countDown();
    }

    @Test
    void closeOnAnInterruptedThreadWaitsForTheWriteInFlightAndDoesNotInterruptIt() throws InterruptedException {
        Circuit circuit = PROGRAM.definition().instantiate();
        durability.checkpointInBackground(circuit, () -> 0);
        await().atMost(WAIT).until(() -> store.writing.get() == 1);
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread stopping = new Thread(() -> {
            Thread.currentThread().interrupt(); // say, the container interrupts the thread that undeploys
            durability.close();
            stillInterrupted.set(Thread.currentThread().isInterrupted());
            store.events.add("closed");
        });
        stopping.start();
        await().atMost(WAIT).until(() -> stopping.getState() != Thread.State.RUNNABLE
                && stopping.getState() != Thread.State.NEW);
        store.release.countDown();
        stopping.join(WAIT.toMillis());
        assertThat(store.events).containsExactly("written", "closed");
        assertThat(stillInterrupted).as("the caller's interrupt is kept").isTrue();
    }

    @Test
    void aCheckpointNowOnAnInterruptedThreadWaitsForTheOneInFlight() throws InterruptedException {
        Circuit circuit = PROGRAM.definition().instantiate();
        durability.checkpointInBackground(circuit, () -> 0);
        await().atMost(WAIT).until(() -> store.writing.get() == 1);
        circuit.apply(Map.of(), null); // a step after the capture: the last checkpoint has something new
        Thread stopping = new Thread(() -> {
            Thread.currentThread().interrupt();
            durability.checkpointNow(circuit, () -> 0);
            Thread.interrupted();
            durability.close();
        });
        stopping.start();
        await().atMost(WAIT).until(() -> stopping.getState() != Thread.State.RUNNABLE
                && stopping.getState() != Thread.State.NEW);
        store.release.countDown();
        stopping.join(WAIT.toMillis());
        assertThat(store.overlapped).as("two writes of one pipeline at once").isFalse();
        assertThat(store.events).hasSize(2).first().isEqualTo("written");
    }

    /** A store whose writes wait for {@link #release}; an interrupted write fails as a file channel's would. */
    private static final class BlockingStore implements CheckpointStore {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger writing = new AtomicInteger();
        final AtomicBoolean overlapped = new AtomicBoolean();
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public CheckpointInfo write(PipelineId pipeline, CheckpointInfo info, Body body) throws IOException {
            if (writing.incrementAndGet() > 1) {
                overlapped.set(true);
            }
            try {
                release.await();
                events.add("written");
                return info.withBytes(1);
            } catch (InterruptedException e) {
                events.add("write interrupted");
                throw new InterruptedIOException("the write was interrupted");
            } finally {
                writing.decrementAndGet();
            }
        }

        @Override
        public Optional<CheckpointInfo> latest(PipelineId pipeline) {
            return Optional.empty();
        }

        @Override
        public InputStream open(PipelineId pipeline, CheckpointInfo info) throws IOException {
            throw new IOException("no checkpoint");
        }

        @Override
        public Journal journal(PipelineId pipeline) throws IOException {
            throw new IOException("no journal");
        }

        @Override
        public void clear(PipelineId pipeline) {
        }

        @Override
        public String kind() {
            return "blocking";
        }

        @Override
        public void close() {
        }
    }
}
