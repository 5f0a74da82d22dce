package io.pipelinemanager.embedded.cli;

import io.pipelinemanager.core.PipelineManager;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code --dev DIR}: keeps the programs of DIR's {@code *.sql} files in step with the files. At start every
 * file is synchronised, then a {@link WatchService} reports changes; a burst of events (an editor's save) is
 * collected for {@link #SETTLE_MILLIS} and each changed file synchronised once by {@link SqlFileSync}, on this
 * class's single thread, so changes apply in order and one bad file never stops the watcher.
 */
final class DevMode implements AutoCloseable {

    /** How long to wait for more events after the first of a burst. */
    static final long SETTLE_MILLIS = 150;

    private final WatchService watcher;
    private final Path dir;
    private final SqlFileSync sync;
    private final PrintWriter out;
    private final Thread thread;

    private DevMode(WatchService watcher, Path dir, SqlFileSync sync, PrintWriter out) {
        this.watcher = watcher;
        this.dir = dir;
        this.sync = sync;
        this.out = out;
        this.thread = new Thread(this::loop, "pm-dev-watcher");
        this.thread.setDaemon(true);
    }

    /** Fails with a configuration error unless {@code dir} is a readable directory. */
    static void checkDirectory(Path dir) {
        if (!Files.isDirectory(dir) || !Files.isReadable(dir)) {
            throw new OperatorError(ExitCodes.USAGE, "--dev " + dir + ": not a readable directory");
        }
    }

    static DevMode start(PipelineManager manager, Path dir, PrintWriter out) {
        checkDirectory(dir);
        try {
            WatchService watcher = dir.getFileSystem().newWatchService();
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            DevMode dev = new DevMode(watcher, dir, new SqlFileSync(manager, out), out);
            dev.thread.start();
            return dev;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot watch " + dir, e);
        }
    }

    private void loop() {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(SqlFileSync::isSqlFile).sorted().forEach(this::syncQuietly);
        } catch (IOException e) {
            say("cannot list " + dir + ": " + e.getMessage());
        }
        try {
            while (true) {
                WatchKey key = watcher.take();
                Set<Path> changed = new TreeSet<>();
                collect(key, changed);
                for (WatchKey more = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS); more != null;
                        more = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) {
                    collect(more, changed);
                }
                changed.forEach(this::syncQuietly);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the server is stopping
        }
    }

    private void collect(WatchKey key, Set<Path> changed) {
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                // Events were lost: look at every file again.
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(SqlFileSync::isSqlFile).forEach(changed::add);
                } catch (IOException e) {
                    say("cannot list " + dir + ": " + e.getMessage());
                }
            } else if (event.context() instanceof Path name && SqlFileSync.isSqlFile(name)) {
                changed.add(dir.resolve(name));
            }
        }
        key.reset();
    }

    private void syncQuietly(Path file) {
        try {
            sync.sync(file);
        } catch (RuntimeException e) {
            say(file.getFileName() + ": " + Failures.firstLine(String.valueOf(e.getMessage())));
        }
    }

    private void say(String line) {
        synchronized (out) {
            out.println("[dev] " + line);
            out.flush();
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            say("closing the watcher: " + e.getMessage());
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
