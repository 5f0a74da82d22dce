package io.pipelinemanager.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Records what the tests' SLF4J binding (slf4j-simple, which writes each event to the current
 * {@code System.err}) logs while it is open, and still passes it through to the console. Test classes
 * run one at a time in the module's JVM, so everything logged meanwhile belongs to the test.
 */
public final class LogCapture implements AutoCloseable {

    /** slf4j-simple's level column: {@code [thread] LEVEL logger - message}. */
    private static final Pattern ABOVE_INFO = Pattern.compile("\\] (WARN|ERROR) ");

    private final PrintStream original;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private LogCapture() {
        original = System.err;
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                    captured.write(b, off, len);
                }
                original.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    /** Starts recording the standard error stream. */
    public static LogCapture stderr() {
        return new LogCapture();
    }

    /** The lines recorded so far. */
    public List<String> lines() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The recorded lines logged at WARN or ERROR. */
    public List<String> aboveInfo() {
        return lines().stream().filter(l -> ABOVE_INFO.matcher(l).find()).toList();
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
