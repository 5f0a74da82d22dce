package io.pipelinemanager.war.stream;

import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.PipelineError;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Egress over non-blocking servlet output, against a scripted stream and a fake connection. */
class EgressConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final EgressWriters writers = new EgressWriters(1);

    @AfterEach
    void close() {
        writers.close();
    }

    /** A stream fed by the test: lines queue up and the push listener is told of each. */
    private static final class FedStream implements ChangeStream {
        private final Deque<String> lines = new ArrayDeque<>();
        private final Duration keepAlive;
        private PipelineError error;
        private boolean ended;
        private volatile Runnable listener;
        final AtomicBoolean closed = new AtomicBoolean();

        FedStream(Duration keepAlive) {
            this.keepAlive = keepAlive;
        }

        void offer(String line) {
            synchronized (this) {
                lines.add(line);
            }
            listener.run();
        }

        void end(PipelineError error) {
            synchronized (this) {
                this.error = error;
                ended = true;
            }
            listener.run();
        }

        @Override
        public synchronized Poll writeNext(OutputStream out, Duration timeout) throws IOException {
            String line = lines.poll();
            if (line != null) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                return Poll.CHANGES;
            }
            return ended ? Poll.END : Poll.TIMEOUT;
        }

        @Override
        public void onAvailable(Runnable listener) {
            this.listener = listener;
        }

        @Override
        public void writeKeepAlive(OutputStream out) throws IOException {
            out.write("{\"keepalive\":true}\n".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Duration keepAliveInterval() {
            return keepAlive;
        }

        @Override
        public synchronized PipelineError error() {
            return error;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    /** A connection that is ready or not, and whose writes fail once the client is gone. */
    private static final class FakeOut extends ServletOutputStream {
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();
        volatile boolean ready = true;
        volatile boolean gone;
        final AtomicInteger flushes = new AtomicInteger();
        volatile WriteListener listener;

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            this.listener = listener;
            try {
                listener.onWritePossible();
            } catch (IOException e) {
                listener.onError(e);
            }
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (gone) {
                throw new IOException("Broken pipe");
            }
            if (!ready) {
                throw new IllegalStateException("written while not ready");
            }
            written.write(b);
        }

        @Override
        public void flush() throws IOException {
            if (gone) {
                throw new IOException("Broken pipe");
            }
            flushes.incrementAndGet();
        }

        synchronized String text() {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    private final FakeOut out = new FakeOut();
    private final AtomicBoolean completed = new AtomicBoolean();
    private final AtomicInteger status = new AtomicInteger();

    private void serve(ChangeStream stream) throws IOException {
        AsyncContext async = (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AsyncContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("complete")) {
                        completed.set(true);
                    }
                    return null;
                });
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getOutputStream")) {
                        return out;
                    }
                    if (method.getName().equals("setStatus")) {
                        status.set((Integer) args[0]);
                    }
                    return null;
                });
        writers.serve(stream, async, response, "test");
    }

    @Test
    void writesEachLineFlushedAndEndsCleanlyWithoutAnErrorLine() throws IOException {
        FedStream stream = new FedStream(Duration.ofMinutes(1));
        serve(stream);
        assertThat(status).hasValue(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(out.flushes.get()).isEqualTo(1));
        stream.offer("{\"step\":1}");
        stream.offer("{\"step\":2}");
        await().atMost(WAIT).until(() -> out.text().equals("{\"step\":1}\n{\"step\":2}\n"));
        stream.end(null);
        await().atMost(WAIT).untilTrue(completed);
        assertThat(out.text()).isEqualTo("{\"step\":1}\n{\"step\":2}\n");
        assertThat(stream.closed).isTrue();
        assertThat(writers.open()).isZero();
    }

    @Test
    void anAbnormalEndIsTheLastLine() throws IOException {
        FedStream stream = new FedStream(Duration.ofMinutes(1));
        serve(stream);
        stream.offer("{\"step\":1}");
        stream.end(new PipelineError(ErrorCode.ShuttingDown, "The manager is shutting down", Map.of("pipeline", "p")));
        await().atMost(WAIT).untilTrue(completed);
        assertThat(out.text()).startsWith("{\"step\":1}\n")
                .contains("\"error_code\":\"ShuttingDown\"").endsWith("}\n");
    }

    @Test
    void anIdleStreamSendsKeepAlivesAndNoticesADepartedClient() throws IOException {
        FedStream stream = new FedStream(Duration.ofMillis(100));
        serve(stream);
        await().atMost(WAIT).until(() -> out.text().contains("{\"keepalive\":true}\n"));
        out.gone = true;
        await().atMost(WAIT).untilTrue(stream.closed);
        assertThat(completed).isTrue();
        assertThat(writers.open()).isZero();
    }

    @Test
    void nothingIsWrittenWhileTheConnectionIsNotReady() throws IOException {
        FedStream stream = new FedStream(Duration.ofMinutes(1));
        serve(stream);
        await().atMost(WAIT).untilAsserted(() -> assertThat(out.flushes.get()).isEqualTo(1));
        out.ready = false;
        stream.offer("{\"step\":1}");
        stream.offer("{\"step\":2}");
        // The fake throws if written while not ready; the lines wait for the container's callback.
        out.ready = true;
        out.listener.onWritePossible();
        await().atMost(WAIT).until(() -> out.text().equals("{\"step\":1}\n{\"step\":2}\n"));
        assertThat(completed).isFalse();
    }
}
