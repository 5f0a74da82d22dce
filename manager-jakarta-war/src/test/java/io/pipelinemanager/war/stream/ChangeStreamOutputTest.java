package io.pipelinemanager.war.stream;

import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.PipelineError;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeStreamOutputTest {

    /** A stream that plays a script: a line per CHANGES, then END with an optional error. */
    private static final class ScriptedStream implements ChangeStream {
        private final Deque<String> lines;
        private final PipelineError error;
        boolean closed;

        ScriptedStream(List<String> lines, PipelineError error) {
            this.lines = new ArrayDeque<>(lines);
            this.error = error;
        }

        @Override
        public Poll writeNext(OutputStream out, Duration timeout) throws IOException {
            String line = lines.poll();
            if (line == null) {
                return Poll.END;
            }
            if (line.isEmpty()) {
                return Poll.TIMEOUT;
            }
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            return Poll.CHANGES;
        }

        @Override
        public void onAvailable(Runnable listener) {
            listener.run();
        }

        @Override
        public void writeKeepAlive(OutputStream out) throws IOException {
            out.write("{\"keepalive\":true}\n".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Duration keepAliveInterval() {
            return Duration.ofSeconds(5);
        }

        @Override
        public PipelineError error() {
            return error;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Counts flushes, and fails every flush after the first {@code failAfter}. */
    private static final class CountingOut extends ByteArrayOutputStream {
        private final int failAfter;
        int flushes;

        CountingOut(int failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public void flush() throws IOException {
            if (++flushes > failAfter) {
                throw new IOException("Broken pipe");
            }
        }
    }

    @Test
    void writesEveryLineFlushedAndClosesAtANormalEnd() throws IOException {
        ScriptedStream stream = new ScriptedStream(List.of("{\"step\":1}", "", "{\"step\":2}"), null);
        CountingOut out = new CountingOut(Integer.MAX_VALUE);
        new ChangeStreamOutput(stream, "test").write(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"step\":1}\n{\"step\":2}\n");
        assertThat(out.flushes).as("headers, two lines, the end").isEqualTo(4);
        assertThat(stream.closed).isTrue();
    }

    @Test
    void anAbnormalEndWritesTheErrorAsTheLastLine() throws IOException {
        PipelineError error = new PipelineError(ErrorCode.RuntimeError, "division by zero in view ratio", Map.of("view", "ratio"));
        ScriptedStream stream = new ScriptedStream(List.of("{\"step\":1}"), error);
        CountingOut out = new CountingOut(Integer.MAX_VALUE);
        new ChangeStreamOutput(stream, "test").write(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"step\":1}\n"
                + "{\"error_code\":\"RuntimeError\",\"message\":\"division by zero in view ratio\",\"details\":{\"view\":\"ratio\"}}\n");
        assertThat(stream.closed).isTrue();
    }

    @Test
    void aClientThatWentAwayClosesTheSubscriptionQuietly() throws IOException {
        ScriptedStream stream = new ScriptedStream(List.of("{\"step\":1}", "{\"step\":2}", "{\"step\":3}"), null);
        CountingOut out = new CountingOut(1);
        new ChangeStreamOutput(stream, "test").write(out);
        assertThat(stream.closed).isTrue();
        assertThat(out.flushes).isEqualTo(2);
        assertThat(stream.lines).as("stops at the failed flush").hasSize(2);
    }
}
