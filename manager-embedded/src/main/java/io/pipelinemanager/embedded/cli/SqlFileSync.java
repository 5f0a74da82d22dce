package io.pipelinemanager.embedded.cli;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.DesiredStatus;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.Program;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.ProgramUpdate;
import io.pipelinemanager.core.api.Caller;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Brings the manager in line with one {@code NAME.sql} file of the development directory (default tenant):
 * <ul>
 *   <li>new file: creates program NAME and, unless a pipeline NAME exists, pipeline NAME, and starts it once the
 *       program compiled;</li>
 *   <li>changed file: shuts down the pipelines of program NAME that are not stopped, updates the program's code,
 *       and once it compiled starts them again (a program that does not compile prints its diagnostics and the
 *       pipelines wait for the next change);</li>
 *   <li>deleted file: shuts down and deletes the pipelines of program NAME, then the program.</li>
 * </ul>
 * A file whose code did not change changes nothing. Each outcome is one line on the CLI's output.
 */
final class SqlFileSync {

    static final Caller CALLER = Caller.unauthenticated();
    static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(50);

    private final PipelineManager manager;
    private final PrintWriter out;
    /** Pipelines to start once the program compiles, kept across edits that do not compile. */
    private final Map<String, Set<String>> toStart = new HashMap<>();

    SqlFileSync(PipelineManager manager, PrintWriter out) {
        this.manager = manager;
        this.out = out;
    }

    static boolean isSqlFile(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().endsWith(".sql") && name.toString().length() > ".sql".length();
    }

    static String programName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".sql".length());
    }

    void sync(Path file) {
        String name = programName(file);
        String code;
        try {
            code = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            remove(name);
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Program program = find(name);
        Set<String> start = toStart.computeIfAbsent(name, n -> new TreeSet<>());
        if (program == null) {
            manager.createProgram(CALLER, new ProgramSpec(name, "from " + file.getFileName() + " (--dev)", code));
            say(file, "created program " + name);
        } else if (!program.code().equals(code)) {
            List<Pipeline> active = pipelinesOf(program).stream().filter(SqlFileSync::isActive).toList();
            active.forEach(p -> manager.shutdownPipeline(CALLER, p.name()));
            active.forEach(p -> awaitPipeline(p.name(), PipelineStatus.STOPPED));
            active.forEach(p -> start.add(p.name()));
            // The stored state of the old program cannot be resumed by the new one (CheckpointIncompatible).
            pipelinesOf(program).forEach(p -> manager.clearPipelineState(CALLER, p.name()));
            manager.updateProgram(CALLER, name, new ProgramUpdate(null, null, code, null));
            say(file, "updated program " + name + (active.isEmpty() ? "" : ", stopped " + names(active)));
        } else if (start.isEmpty()) {
            return;
        }
        if (findPipeline(name) == null) {
            manager.createPipeline(CALLER, new PipelineSpec(name, "runs " + file.getFileName() + " (--dev)", name, null));
            start.add(name);
        }
        Program compiled = await(() -> manager.getProgram(CALLER, name), p -> p.status().isFinal());
        if (compiled.status() != ProgramStatus.SUCCESS) {
            say(file, "program " + name + " " + compiled.status() + compiled.diagnostics().stream()
                    .map(d -> " [" + d.range() + " " + d.code() + ": " + d.message() + "]").collect(Collectors.joining())
                    + (start.isEmpty() ? "" : "; " + String.join(", ", start) + " will start when it compiles"));
            return;
        }
        for (String pipeline : start) {
            manager.startPipeline(CALLER, pipeline);
        }
        for (String pipeline : start) {
            awaitPipeline(pipeline, PipelineStatus.RUNNING);
        }
        say(file, "program " + name + " compiled" + (start.isEmpty() ? "" : "; running " + String.join(", ", start)));
        start.clear();
    }

    private void remove(String name) {
        toStart.remove(name);
        Program program = find(name);
        if (program == null) {
            return;
        }
        List<Pipeline> pipelines = pipelinesOf(program);
        pipelines.stream().filter(SqlFileSync::isActive).forEach(p -> manager.shutdownPipeline(CALLER, p.name()));
        pipelines.forEach(p -> awaitPipeline(p.name(), PipelineStatus.STOPPED));
        pipelines.forEach(p -> manager.deletePipeline(CALLER, p.name()));
        manager.deleteProgram(CALLER, name);
        say(Path.of(name + ".sql"), "deleted program " + name + (pipelines.isEmpty() ? "" : " and " + names(pipelines)));
    }

    private static boolean isActive(Pipeline p) {
        return p.desiredStatus() != DesiredStatus.STOPPED || p.status() != PipelineStatus.STOPPED;
    }

    private List<Pipeline> pipelinesOf(Program program) {
        return manager.listPipelines(CALLER).stream().filter(p -> p.programId().equals(program.id())).toList();
    }

    private Program find(String name) {
        try {
            return manager.getProgram(CALLER, name);
        } catch (ManagerException e) {
            if (e.code() == ErrorCode.UnknownProgram) {
                return null;
            }
            throw e;
        }
    }

    private Pipeline findPipeline(String name) {
        try {
            return manager.getPipeline(CALLER, name);
        } catch (ManagerException e) {
            if (e.code() == ErrorCode.UnknownPipeline) {
                return null;
            }
            throw e;
        }
    }

    private void awaitPipeline(String name, PipelineStatus wanted) {
        Pipeline p = await(() -> manager.getPipeline(CALLER, name),
                q -> q.status() == wanted || (q.status() == PipelineStatus.FAILED && wanted != PipelineStatus.STOPPED));
        if (p.status() != wanted) {
            throw new IllegalStateException("pipeline " + name + " failed: " + p.error().code() + ": " + p.error().message());
        }
    }

    private static <T> T await(Supplier<T> read, Predicate<T> done) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        T value = read.get();
        while (!done.test(value)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("still waiting after " + TIMEOUT + ": " + value);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting", e);
            }
            value = read.get();
        }
        return value;
    }

    private static String names(List<Pipeline> pipelines) {
        return pipelines.stream().map(Pipeline::name).collect(Collectors.joining(", "));
    }

    private void say(Path file, String line) {
        synchronized (out) {
            out.println("[dev] " + file.getFileName() + ": " + line);
            out.flush();
        }
    }
}
