package io.pipelinemanager.embedded.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged manager jar ({@code target/pipeline-manager.jar}) running as a child JVM, as an operator runs it:
 * {@code java -jar pipeline-manager.jar --config manager.properties --port 0}. It can be killed like a crashed
 * machine ({@link #kill()}: SIGKILL, nothing runs in the child after it) and started again with the same
 * configuration ({@link #start()}); every start logs to files of its own under the working directory.
 */
final class ManagerProcess implements AutoCloseable {

    /** The exit status the JDK reports for a process ended by signal 9 (128 + 9). */
    static final int KILLED_BY_SIGKILL = 137;

    private static final Pattern LISTENING = Pattern.compile("REST API on (http://\\S+/)api/");

    private final String name;
    private final Path workDir;
    private final Path configFile;
    private final String maxHeap;
    private Process process;
    private URI base;
    private int starts;

    /**
     * A manager named {@code name} (also its {@code pm.instance-id}) with the given {@code pm.*} configuration; its
     * configuration file and logs go to {@code workDir}. Nothing runs before {@link #start()}.
     */
    ManagerProcess(String name, Path workDir, Map<String, String> config) {
        this(name, workDir, config, "384m");
    }

    /** The same with the child's maximum heap ({@code -Xmx}, e.g. {@code 4g}). */
    ManagerProcess(String name, Path workDir, Map<String, String> config, String maxHeap) {
        this.name = name;
        this.maxHeap = maxHeap;
        this.workDir = workDir;
        try {
            Files.createDirectories(workDir);
            Properties properties = new Properties();
            Map<String, String> all = new LinkedHashMap<>(config);
            all.putIfAbsent("pm.instance-id", name);
            properties.putAll(all);
            configFile = workDir.resolve(name + ".properties");
            try (var out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                properties.store(out, "manager " + name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("pm.cli.jar", "target/pipeline-manager.jar")).toAbsolutePath();
        assertThat(jar).exists();
        assertThat(jar.resolveSibling("lib")).isDirectory();
        return jar;
    }

    String name() {
        return name;
    }

    /** Starts the child JVM (any free port) and waits until its REST API answers. */
    ManagerProcess start() {
        assertThat(process == null || !process.isAlive()).as("%s is already running", name).isTrue();
        starts++;
        Path out = stdout();
        Path err = workDir.resolve(name + "-" + starts + ".err.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-Duser.home=" + workDir, "-jar", jar().toString(), "--config", configFile.toString(), "--port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("PM_"));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("start of " + name).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (listening(out) != null) {
                return true;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the manager process " + name + " exited with " + process.exitValue()
                        + " before it served the REST API:" + logTail());
            }
            return false;
        });
        base = URI.create(listening(out));
        return this;
    }

    private Path stdout() {
        return workDir.resolve(name + "-" + starts + ".out.log");
    }

    private static String listening(Path out) {
        try {
            Matcher m = LISTENING.matcher(Files.readString(out, StandardCharsets.UTF_8));
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's root URL ({@code http://127.0.0.1:PORT/}) of the current start. */
    URI base() {
        return base;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /**
     * Kills the child with SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook, no final
     * checkpoint, no flush — and checks that signal 9 is what ended it.
     */
    void kill() {
        process.destroyForcibly();
        int status = waitFor();
        assertThat(status).as("exit status of %s after destroyForcibly (SIGKILL: 128 + 9)", name).isEqualTo(KILLED_BY_SIGKILL);
    }

    /** Stops the child with SIGTERM (its shutdown hook stops the server and the manager) and waits for it. */
    void stop() {
        if (alive()) {
            process.destroy();
            waitFor();
        }
    }

    private int waitFor() {
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ended", name).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** The last lines of every log of this manager, for a failure message. */
    String logTail() {
        StringBuilder tail = new StringBuilder();
        for (int i = 1; i <= starts; i++) {
            for (String kind : List.of("out", "err")) {
                Path log = workDir.resolve(name + "-" + i + "." + kind + ".log");
                try {
                    List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
                    tail.append("\n--- ").append(log.getFileName()).append(" (last 40 of ").append(lines.size()).append(" lines)\n");
                    lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> tail.append(l).append('\n'));
                } catch (IOException e) {
                    tail.append("\n--- ").append(log).append(": ").append(e);
                }
            }
        }
        return tail.toString();
    }

    @Override
    public void close() {
        if (alive()) {
            process.destroyForcibly();
            waitFor();
        }
    }
}
