package io.pipelinemanager.core.runner;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.T;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.Program;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The setup of end-to-end tests through the facade: a manager ({@link LifecycleEndToEndTest#fastManager} over a
 * new H2 store) with one program, which must compile with status SUCCESS and no diagnostics (warnings allowed with
 * {@link #allowingWarnings()}), and a pipeline {@value #PIPELINE} of it running (waited for with Awaitility). Registered with {@code @RegisterExtension} on a
 * static field it is set up once for the test class; on an instance field, afresh for every test. The manager is
 * closed after the class or the test.
 */
final class RunningPipeline implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** The name of the running pipeline. */
    static final String PIPELINE = "p";

    private final String program;
    private final String sql;
    private boolean warningsAllowed;
    private boolean perClass;
    private PipelineManager manager;

    RunningPipeline(String program, String sql) {
        this.program = program;
        this.sql = sql;
    }

    /** Lets the program compile with warnings. */
    RunningPipeline allowingWarnings() {
        warningsAllowed = true;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private void start() {
        manager = LifecycleEndToEndTest.fastManager(TestDatabases.h2Url());
        Program compiled = compile(program, sql);
        assertThat(compiled.status()).as("%s", compiled.diagnostics()).isEqualTo(ProgramStatus.SUCCESS);
        if (!warningsAllowed) {
            assertThat(compiled.diagnostics()).isEmpty();
        }
        manager.createPipeline(T, new PipelineSpec(PIPELINE, "", program, null));
        manager.startPipeline(T, PIPELINE);
        await(() -> manager.getPipeline(T, PIPELINE), p -> p.status() == PipelineStatus.RUNNING);
    }

    private void stop() {
        if (manager != null) {
            manager.close();
            manager = null;
        }
    }

    /** The manager, between set-up and close. */
    PipelineManager manager() {
        return manager;
    }

    /** Creates another program and waits until it is compiled (or failed to): its final state. */
    Program compile(String name, String code) {
        manager.createProgram(T, new ProgramSpec(name, "", code));
        return await(() -> manager.getProgram(T, name), p -> p.status().isFinal());
    }

    /** Ingress of {@code body} in {@code format} into {@code table} of the pipeline. */
    void ingest(String table, DataFormat format, String body) {
        try {
            manager.ingress(T, PIPELINE, table, format, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of a snapshot query over the pipeline. */
    List<List<Object>> rows(String query) {
        return manager.query(T, PIPELINE, query).rows();
    }

    /** A snapshot query over the pipeline written in {@code format}, as text. */
    String write(String query, DataFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            manager.writeQuery(T, PIPELINE, query, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
