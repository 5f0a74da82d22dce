package io.pipelinemanager.core.model;

import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.DesiredStatus;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineUpdate;
import io.pipelinemanager.core.api.Program;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramUpdate;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model-based test: random sequences of facade operations — valid and invalid input, unknown
 * references, stale versions, lifecycle requests — run against the JPA store on H2 and against
 * {@link ReferenceModel}. Every result (object summary or error code) and the listings after
 * every step must be identical.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FacadeModelTest {

    private static final int SEQUENCES = 300;
    private static final int STEPS = 25;
    private static final long SEED = 20261126L;
    private static final TenantId T = TenantId.DEFAULT;
    private static final String TOO_LARGE = "x".repeat((1 << 20) + 1);

    private HikariDataSource dataSource;
    private PipelineManager manager;

    @BeforeAll
    void open() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestDatabases.h2Url());
        manager = PipelineManager.builder().environment(Map.of()).dataSource(dataSource)
                .property("pm.background-work", "false").build();
    }

    @AfterAll
    void close() {
        manager.close();
        dataSource.close();
    }

    @Test
    void facadeMatchesTheModel() throws Exception {
        Random random = new Random(SEED);
        int operations = 0;
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            wipe();
            Run run = new Run(new Random(random.nextLong()), new ReferenceModel());
            for (int step = 0; step < STEPS; step++) {
                run.step();
                operations++;
                assertThat(summaries(manager.listPrograms(T), this::realSummary))
                        .as("programs after sequence %d:%n%s", sequence, run.log)
                        .isEqualTo(run.model.programs.values().stream().map(run::modelSummary).toList());
                assertThat(summaries(manager.listPipelines(T), this::realSummary))
                        .as("pipelines after sequence %d:%n%s", sequence, run.log)
                        .isEqualTo(run.model.pipelines.values().stream().map(run::modelSummary).toList());
            }
        }
        assertThat(operations).isEqualTo(SEQUENCES * STEPS);
    }

    /** One random sequence: picks operations, applies them to both sides, compares outcomes. */
    private final class Run {
        final Random random;
        final ReferenceModel model;
        final StringBuilder log = new StringBuilder();

        Run(Random random, ReferenceModel model) {
            this.random = random;
            this.model = model;
        }

        void step() {
            switch (random.nextInt(11)) {
                case 0, 1 -> {
                    String name = name();
                    String description = description();
                    String code = code(false);
                    compare("createProgram " + name, () -> realSummary(manager.createProgram(T, new ProgramSpec(name, description, code))),
                            () -> {
                                ReferenceModel.P p = model.createProgram(name, description, code);
                                return p;
                            }, (p, real) -> ((ReferenceModel.P) p).id = manager.getProgram(T, name).id().value());
                }
                case 2, 3 -> {
                    String ref = programRef();
                    String name = random.nextInt(3) == 0 ? name() : null;
                    String description = random.nextBoolean() ? description() : null;
                    String code = code(true);
                    Long expected = expected(() -> model.program(ref).version);
                    compare("updateProgram " + ref + " name=" + name + " code=" + abbreviate(code) + " expected=" + expected,
                            () -> realSummary(manager.updateProgram(T, ref, new ProgramUpdate(name, description, code, expected))),
                            () -> model.updateProgram(ref, name, description, code, expected), null);
                }
                case 4 -> {
                    String ref = programRef();
                    compare("deleteProgram " + ref, () -> {
                        manager.deleteProgram(T, ref);
                        return "deleted";
                    }, () -> {
                        model.deleteProgram(ref);
                        return "deleted";
                    }, null);
                }
                case 5, 6 -> {
                    String name = name();
                    String description = description();
                    String program = random.nextInt(10) == 0 ? " " : programRef();
                    PipelineConfig config = config();
                    compare("createPipeline " + name + " program=" + program + " config=" + config,
                            () -> realSummary(manager.createPipeline(T, new PipelineSpec(name, description, program, config))),
                            () -> model.createPipeline(name, description, program, config),
                            (l, real) -> ((ReferenceModel.L) l).id = manager.getPipeline(T, name).id().value());
                }
                case 7 -> {
                    String ref = pipelineRef();
                    String name = random.nextInt(3) == 0 ? name() : null;
                    String description = random.nextInt(3) == 0 ? description() : null;
                    String program = random.nextInt(3) == 0 ? programRef() : null;
                    PipelineConfig config = random.nextInt(3) == 0 ? config() : null;
                    Long expected = expected(() -> model.pipeline(ref).version);
                    compare("updatePipeline " + ref + " name=" + name + " program=" + program + " config=" + config
                                    + " expected=" + expected,
                            () -> realSummary(manager.updatePipeline(T, ref, new PipelineUpdate(name, description, program, config, expected))),
                            () -> model.updatePipeline(ref, name, description, program, config, expected), null);
                }
                case 8 -> {
                    String ref = pipelineRef();
                    compare("deletePipeline " + ref, () -> {
                        manager.deletePipeline(T, ref);
                        return "deleted";
                    }, () -> {
                        model.deletePipeline(ref);
                        return "deleted";
                    }, null);
                }
                default -> {
                    String ref = pipelineRef();
                    DesiredStatus desired = DesiredStatus.values()[random.nextInt(3)];
                    compare("request " + desired + " " + ref, () -> realSummary(switch (desired) {
                        case RUNNING -> manager.startPipeline(T, ref);
                        case PAUSED -> manager.pausePipeline(T, ref);
                        case STOPPED -> manager.shutdownPipeline(T, ref);
                    }), () -> model.request(ref, desired), null);
                }
            }
        }

        /** Runs both sides; a model object result is summarised after {@code onCreated} gave it the real id. */
        void compare(String what, Supplier<String> real, Supplier<Object> expected,
                     java.util.function.BiConsumer<Object, String> onCreated) {
            log.append("  ").append(what);
            String actual;
            try {
                actual = real.get();
            } catch (ManagerException e) {
                actual = "error " + e.code();
            }
            String wanted;
            try {
                Object result = expected.get();
                if (onCreated != null && !actual.startsWith("error")) {
                    onCreated.accept(result, actual);
                }
                wanted = result instanceof String s ? s : modelSummary(result);
            } catch (ReferenceModel.Refusal refusal) {
                wanted = "error " + refusal.code;
            }
            log.append(" -> ").append(actual).append('\n');
            assertThat(actual).as("%s%nsequence so far:%n%s", what, log).isEqualTo(wanted);
        }

        String modelSummary(Object modelObject) {
            if (modelObject instanceof ReferenceModel.P p) {
                return "program " + p.name + "|" + p.description + "|" + p.code.hashCode() + "|v" + p.version + "|PENDING";
            }
            ReferenceModel.L l = (ReferenceModel.L) modelObject;
            return "pipeline " + l.name + "|" + l.description + "|" + model.programName(l.program) + "|" + l.config
                    + "|v" + l.version + "|" + l.desired + "|STOPPED";
        }

        String name() {
            return switch (random.nextInt(14)) {
                case 0 -> "-bad";
                case 1 -> UUID.randomUUID().toString();
                case 2 -> "has space";
                default -> List.of("a", "b", "c", "p-1", "q_2", "Z9").get(random.nextInt(6));
            };
        }

        String description() {
            return switch (random.nextInt(8)) {
                case 0 -> null;
                case 1 -> "d".repeat(1001);
                default -> "description " + random.nextInt(3);
            };
        }

        String code(boolean optional) {
            int pick = random.nextInt(12);
            if (pick == 0) {
                return TOO_LARGE;
            }
            if (pick == 1 && optional) {
                return null;
            }
            if (pick == 2 && !optional) {
                return null;
            }
            return "CREATE TABLE t" + random.nextInt(3) + " (x INT);";
        }

        String programRef() {
            List<String> names = model.programNames();
            int pick = random.nextInt(10);
            if (names.isEmpty() || pick == 0) {
                return pick % 2 == 0 ? "missing" : UUID.randomUUID().toString();
            }
            ReferenceModel.P p = model.programs.get(names.get(random.nextInt(names.size())));
            return pick < 5 ? p.name : p.id.toString();
        }

        String pipelineRef() {
            List<String> names = model.pipelineNames();
            int pick = random.nextInt(10);
            if (names.isEmpty() || pick == 0) {
                return pick % 2 == 0 ? "missing" : UUID.randomUUID().toString();
            }
            ReferenceModel.L l = model.pipelines.get(names.get(random.nextInt(names.size())));
            return pick < 5 ? l.name : l.id.toString();
        }

        PipelineConfig config() {
            return switch (random.nextInt(6)) {
                case 0 -> null;
                case 1 -> new PipelineConfig(0, 10, 10, 10);
                case 2 -> new PipelineConfig(2, 100, 5, 50);
                default -> new PipelineConfig(1 + random.nextInt(4), 100 * (1 + random.nextInt(3)), random.nextInt(200), 10_000);
            };
        }

        Long expected(Supplier<Long> current) {
            long base;
            try {
                base = current.get();
            } catch (ReferenceModel.Refusal unknown) {
                base = 1;
            }
            return switch (random.nextInt(5)) {
                case 0, 1 -> null;
                case 2 -> base;
                case 3 -> base - 1;
                default -> base + 1;
            };
        }
    }

    private String realSummary(Program p) {
        return "program " + p.name() + "|" + p.description() + "|" + p.code().hashCode() + "|v" + p.version() + "|" + p.status();
    }

    private String realSummary(Pipeline l) {
        String program = manager.listPrograms(T).stream().filter(p -> p.id().equals(l.programId()))
                .map(Program::name).findFirst().orElse("?");
        return "pipeline " + l.name() + "|" + l.description() + "|" + program + "|" + l.config() + "|v" + l.version()
                + "|" + l.desiredStatus() + "|" + l.status();
    }

    private static <T> List<String> summaries(List<T> items, Function<T, String> summary) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(summary.apply(i)));
        return out;
    }

    private static String abbreviate(String code) {
        return code == null ? null : code.length() > 40 ? code.substring(0, 10) + "...(" + code.length() + ")" : code;
    }

    private void wipe() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM pipeline");
            s.executeUpdate("DELETE FROM program");
        }
    }
}
