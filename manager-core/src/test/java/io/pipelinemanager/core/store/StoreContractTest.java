package io.pipelinemanager.core.store;

import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.DesiredStatus;
import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.OnRuntimeError;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.PipelineUpdate;
import io.pipelinemanager.core.api.Program;
import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.ProgramUpdate;
import io.pipelinemanager.core.api.Role;
import io.pipelinemanager.core.api.SourceRange;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.lease.Leases;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.pipeline.PipelineService;
import io.pipelinemanager.core.internal.program.CompilePool;
import io.pipelinemanager.core.internal.program.CompilerService;
import io.pipelinemanager.core.internal.program.ProgramService;
import io.pipelinemanager.core.internal.runner.Reconciler;
import io.pipelinemanager.core.internal.runner.Runners;
import io.pipelinemanager.core.internal.store.Lease;
import io.pipelinemanager.core.internal.store.QueuedProgram;
import io.pipelinemanager.core.internal.store.Store;
import io.pipelinemanager.core.internal.store.StoreSession;
import io.pipelinemanager.core.internal.store.jpa.JpaStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store contract: one suite, run against every database the manager supports (one subclass
 * per database). It drives the facade and, for concurrency, the store itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest {

    private static final TenantId T = TenantId.DEFAULT;
    private static final Caller C = Caller.unauthenticated();
    private static final String SQL = "CREATE TABLE t (x INTEGER);";
    private static final Supplier<Instant> NOW = () -> Instant.now().truncatedTo(ChronoUnit.MICROS);
    private static final int RACE_ROUNDS = 25;
    private static final AtomicInteger TENANTS = new AtomicInteger();
    private static final long RACE_SEED = 20261130L;

    private HikariDataSource dataSource;
    private PipelineManager manager;
    private Store store;

    /** A JDBC URL of a new empty database (user included). */
    abstract String newDatabaseUrl() throws Exception;

    /** Releases the database behind the URL. */
    void dropDatabase(String url) throws Exception {
    }

    @BeforeAll
    void open() throws Exception {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(newDatabaseUrl());
        dataSource.setMaximumPoolSize(4);
        manager = PipelineManager.builder().environment(Map.of()).dataSource(dataSource)
                .property("pm.background-work", "false").build();
        store = JpaStore.open(dataSource, new JpaStore.RetryPolicy(1, Duration.ZERO));
    }

    @AfterAll
    void close() throws Exception {
        if (manager != null) {
            manager.close();
            store.close();
            String url = dataSource.getJdbcUrl();
            dataSource.close();
            dropDatabase(url);
        }
    }

    @BeforeEach
    void wipe() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM work_lease");
            s.executeUpdate("DELETE FROM pipeline");
            s.executeUpdate("DELETE FROM program");
            s.executeUpdate("DELETE FROM tenant WHERE name <> 'default'");
        }
    }

    @Test
    void createdProgramIsPendingAtVersionOneAndFoundByIdOrName() {
        Program p = manager.createProgram(C, new ProgramSpec("orders", null, SQL));
        assertThat(p.version()).isEqualTo(1);
        assertThat(p.status()).isEqualTo(ProgramStatus.PENDING);
        assertThat(p.description()).isEmpty();
        assertThat(manager.getProgram(C, "orders")).isEqualTo(p);
        assertThat(manager.getProgram(C, p.id().toString())).isEqualTo(p);
    }

    @Test
    void listsAreOrderedByNameAndTenantScoped() {
        Caller other = newTenant("other");
        manager.createProgram(C, new ProgramSpec("b", "", SQL));
        manager.createProgram(C, new ProgramSpec("a", "", SQL));
        manager.createProgram(other, new ProgramSpec("c", "", SQL));
        assertThat(manager.listPrograms(C)).extracting(Program::name).containsExactly("a", "b");
        assertThat(manager.listPrograms(other)).extracting(Program::name).containsExactly("c");
        String idOfA = manager.getProgram(C, "a").id().toString();
        assertCode(() -> manager.getProgram(other, idOfA), ErrorCode.UnknownProgram);
        assertCode(() -> manager.getProgram(other, "a"), ErrorCode.UnknownProgram);
    }

    @Test
    void namesAreUniquePerTenant() {
        manager.createProgram(C, new ProgramSpec("p", "", SQL));
        assertCode(() -> manager.createProgram(C, new ProgramSpec("p", "", SQL)), ErrorCode.DuplicateName);
        Caller x = newTenant("x");
        manager.createProgram(x, new ProgramSpec("p", "", SQL));
        assertThat(manager.getProgram(x, "p").tenant()).isNotEqualTo(manager.getProgram(C, "p").tenant());
        manager.createProgram(C, new ProgramSpec("q", "", SQL));
        assertCode(() -> manager.updateProgram(C, "q", new ProgramUpdate("p", null, null, null)), ErrorCode.DuplicateName);
        assertThat(manager.getProgram(C, "q").name()).isEqualTo("q");
    }

    /**
     * Two tenants with the same names: each sees only its own objects, and the other's (by name or by id)
     * answers exactly like a missing one — same code, same message and details but for the reference.
     */
    @Test
    void twoTenantsWithTheSameNamesNeverSeeEachOther() {
        Caller acme = newTenant("acme");
        Caller globex = newTenant("globex");
        Map<Caller, Program> programs = new java.util.HashMap<>();
        Map<Caller, Pipeline> pipelines = new java.util.HashMap<>();
        for (Caller tenant : List.of(acme, globex)) {
            programs.put(tenant, manager.createProgram(tenant, new ProgramSpec("shop", tenant.tenant(), SQL)));
            pipelines.put(tenant, manager.createPipeline(tenant, new PipelineSpec("shop-1", tenant.tenant(), "shop", null)));
        }
        Program acmeShop = programs.get(acme);
        Pipeline acmePipeline = pipelines.get(acme);
        assertThat(programs.get(globex).id()).isNotEqualTo(acmeShop.id());
        assertThat(acmeShop.tenant()).isNotEqualTo(programs.get(globex).tenant());
        for (Caller tenant : List.of(acme, globex)) {
            assertThat(manager.listPrograms(tenant)).containsExactly(programs.get(tenant));
            assertThat(manager.listPipelines(tenant)).containsExactly(pipelines.get(tenant));
            assertThat(manager.getProgram(tenant, "shop")).isEqualTo(programs.get(tenant));
            assertThat(manager.getPipeline(tenant, "shop-1").description()).isEqualTo(tenant.tenant());
            assertThat(manager.countProgramsByStatus(tenant)).containsEntry(ProgramStatus.PENDING, 1L);
            assertThat(manager.countPipelinesByStatus(tenant)).containsEntry(PipelineStatus.STOPPED, 1L);
        }

        // globex names acme's objects by id: every operation answers like a missing id.
        String program = acmeShop.id().toString();
        String pipeline = acmePipeline.id().toString();
        String missing = UUID.randomUUID().toString();
        List<java.util.function.Function<String, Runnable>> programCalls = List.of(
                ref -> () -> manager.getProgram(globex, ref),
                ref -> () -> manager.compilationQueuePosition(globex, ref),
                ref -> () -> manager.updateProgram(globex, ref, new ProgramUpdate(null, "taken", null, null)),
                ref -> () -> manager.deleteProgram(globex, ref),
                ref -> () -> manager.createPipeline(globex, new PipelineSpec("stolen", "", ref, null)),
                ref -> () -> manager.updatePipeline(globex, "shop-1", new PipelineUpdate(null, null, ref, null, null)));
        for (var call : programCalls) {
            assertSameAnswer(call.apply(program), call.apply(missing), program, missing, ErrorCode.UnknownProgram);
        }
        List<java.util.function.Function<String, Runnable>> pipelineCalls = List.of(
                ref -> () -> manager.getPipeline(globex, ref),
                ref -> () -> manager.updatePipeline(globex, ref, new PipelineUpdate(null, "taken", null, null, null)),
                ref -> () -> manager.deletePipeline(globex, ref),
                ref -> () -> manager.startPipeline(globex, ref),
                ref -> () -> manager.pausePipeline(globex, ref),
                ref -> () -> manager.shutdownPipeline(globex, ref),
                ref -> () -> manager.pipelineStats(globex, ref),
                ref -> () -> manager.query(globex, ref, "SELECT 1"),
                ref -> () -> manager.prepareQuery(globex, ref, "SELECT 1", DataFormat.JSON),
                ref -> () -> manager.subscribe(globex, ref, "t", false),
                ref -> () -> {
                    try {
                        manager.ingress(globex, ref, "t", DataFormat.JSON, new java.io.ByteArrayInputStream("{\"x\": 1}".getBytes()));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        for (var call : pipelineCalls) {
            assertSameAnswer(call.apply(pipeline), call.apply(missing), pipeline, missing, ErrorCode.UnknownPipeline);
        }
        // Nothing of acme's changed, and globex still has only its own.
        assertThat(manager.getProgram(acme, "shop")).isEqualTo(acmeShop);
        assertThat(manager.getPipeline(acme, "shop-1")).isEqualTo(acmePipeline);
        assertThat(manager.listPipelines(globex)).containsExactly(pipelines.get(globex));

        // The store itself: no session method finds or touches another tenant's row.
        TenantId acmeId = acmeShop.tenant();
        TenantId globexId = programs.get(globex).tenant();
        store.read(s -> {
            assertThat(s.findProgram(globexId, program)).isEmpty();
            assertThat(s.findPipeline(globexId, pipeline)).isEmpty();
            assertThat(s.findProgram(acmeId, program)).contains(acmeShop);
            assertThat(s.isProgramUsed(globexId, acmeShop.id())).isFalse();
            assertThat(s.isProgramUsed(acmeId, acmeShop.id())).isTrue();
            assertThat(s.listPrograms(globexId)).extracting(Program::id).doesNotContain(acmeShop.id());
            return null;
        });
        assertThatThrownBy(() -> store.write(s -> {
            s.deletePipeline(globexId, acmePipeline.id());
            return null;
        })).as("deleting another tenant's row is refused").isInstanceOf(RuntimeException.class);
        assertThat(manager.getPipeline(acme, "shop-1")).isEqualTo(acmePipeline);
    }

    /** The call naming another tenant's object fails exactly like the call naming a missing one. */
    private static void assertSameAnswer(Runnable other, Runnable missing, String otherRef, String missingRef,
                                         ErrorCode code) {
        ManagerException a = catchManager(other);
        ManagerException b = catchManager(missing);
        assertThat(a.code()).as(a.getMessage()).isEqualTo(code);
        assertThat(b.code()).isEqualTo(code);
        assertThat(a.getMessage().replace(otherRef, "REF")).isEqualTo(b.getMessage().replace(missingRef, "REF"));
        assertThat(a.details().toString().replace(otherRef, "REF")).isEqualTo(b.details().toString().replace(missingRef, "REF"));
    }

    private static ManagerException catchManager(Runnable call) {
        try {
            call.run();
        } catch (ManagerException e) {
            return e;
        }
        throw new AssertionError("expected a ManagerException");
    }

    @Test
    void unknownTenantIsRefusedByTheStore() {
        TenantId ghost = new TenantId(UUID.randomUUID());
        assertCode(() -> store.read(s -> {
            s.requireTenant(ghost);
            return null;
        }), ErrorCode.UnknownTenant);
    }

    @Test
    void aTenantIsCreatedOnItsFirstUseOnce() throws Exception {
        String name = "first-use-" + TENANTS.incrementAndGet();
        assertThat(tenantRows(name)).isZero();
        Caller caller = Caller.host(name, "alice", Role.EDITOR);
        assertThat(manager.listPrograms(caller)).isEmpty();
        assertThat(tenantRows(name)).isOne();
        manager.createProgram(caller, new ProgramSpec("p", "", SQL));
        assertThat(manager.listPrograms(caller)).extracting(Program::name).containsExactly("p");
        assertThat(tenantRows(name)).isOne();
    }

    @Test
    void instancesCreatingOneTenantAtOnceBothSucceed() throws Exception {
        // Two managers on one database (two instances): each resolves the new name on its own, at once.
        try (PipelineManager second = PipelineManager.builder().environment(Map.of()).dataSource(dataSource)
                .property("pm.background-work", "false").property("pm.db.migrate", "false").build()) {
            for (int round = 0; round < RACE_ROUNDS; round++) {
                Caller caller = Caller.host("race-" + TENANTS.incrementAndGet(), "bob", Role.EDITOR);
                CyclicBarrier start = new CyclicBarrier(2);
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    Future<List<Program>> a = pool.submit(() -> {
                        start.await();
                        return manager.listPrograms(caller);
                    });
                    Future<List<Program>> b = pool.submit(() -> {
                        start.await();
                        return second.listPrograms(caller);
                    });
                    assertThat(a.get()).isEmpty();
                    assertThat(b.get()).isEmpty();
                } finally {
                    pool.shutdownNow();
                }
                assertThat(tenantRows(caller.tenant())).isOne();
                manager.createProgram(caller, new ProgramSpec("p", "", SQL));
                assertThat(second.getProgram(caller, "p").tenant()).isEqualTo(manager.getProgram(caller, "p").tenant());
            }
        }
    }

    @Test
    void aTenantNameBreakingTheRuleIsUnauthenticatedAndCreatesNothing() throws Exception {
        long tenantsBefore = tenantRows(null);
        for (String bad : List.of("", "Acme", "-acme", "acme-", "a b", "a/b", "x".repeat(64), "a\u0000b", "é")) {
            Caller caller = Caller.host(bad, "mallory", Role.ADMIN);
            assertThatThrownBy(() -> manager.listPrograms(caller)).as(bad)
                    .isInstanceOfSatisfying(ManagerException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.Unauthenticated);
                        assertThat(e.getMessage()).contains("tenant name must be 1-63 characters");
                    });
        }
        assertThat(tenantRows(null)).as("no tenant created").isEqualTo(tenantsBefore);
        for (String good : List.of("a", "acme", "acme-corp.eu_1", "0", "x".repeat(63))) {
            assertThat(manager.listPrograms(Caller.host(good, "alice", Role.VIEWER))).as(good).isEmpty();
        }
    }

    @Test
    void codeEditBumpsVersionAndResetsCompilationButOtherEditsDoNot() {
        Program p = manager.createProgram(C, new ProgramSpec("p", "d", SQL));
        Program renamed = manager.updateProgram(C, "p", new ProgramUpdate("p2", "d2", null, 1L));
        assertThat(renamed.version()).isEqualTo(1);
        assertThat(renamed.name()).isEqualTo("p2");
        Program same = manager.updateProgram(C, "p2", ProgramUpdate.code(SQL));
        assertThat(same.version()).isEqualTo(1);
        Program edited = manager.updateProgram(C, p.id().toString(), ProgramUpdate.code(SQL + " -- v2"));
        assertThat(edited.version()).isEqualTo(2);
        assertThat(edited.status()).isEqualTo(ProgramStatus.PENDING);
        assertThat(manager.getProgram(C, "p2")).isEqualTo(edited);
    }

    @Test
    void staleExpectedVersionChangesNothing() {
        manager.createProgram(C, new ProgramSpec("p", "", SQL));
        manager.updateProgram(C, "p", ProgramUpdate.code("-- v2"));
        assertCode(() -> manager.updateProgram(C, "p", new ProgramUpdate(null, "x", "-- v3", 1L)), ErrorCode.OutdatedVersion);
        Program now = manager.getProgram(C, "p");
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.code()).isEqualTo("-- v2");
        assertThat(now.description()).isEmpty();
    }

    @Test
    void writeThatKeepsLosingTheRaceIsOutdatedAndChangesNothing() {
        manager.createProgram(C, new ProgramSpec("p", "", SQL));
        AtomicInteger attempts = new AtomicInteger();
        assertCode(() -> store.write(s -> {
            Program read = ProgramService.find(s, T, "p");
            int n = attempts.incrementAndGet();
            CompletableFuture.runAsync(() -> manager.updateProgram(C, "p",
                    new ProgramUpdate(null, "concurrent " + n, null, null))).join();
            s.saveProgram(withStatus(read, ProgramStatus.COMPILING));
            return null;
        }), ErrorCode.OutdatedVersion);
        assertThat(attempts.get()).isEqualTo(3);
        Program now = manager.getProgram(C, "p");
        assertThat(now.description()).isEqualTo("concurrent 3");
        assertThat(now.status()).isEqualTo(ProgramStatus.PENDING);
    }

    @Test
    void clientEditWinsAgainstABackgroundStatusWriteThatCameFirst() {
        manager.createProgram(C, new ProgramSpec("p", "", SQL));
        AtomicBoolean first = new AtomicBoolean(true);
        Program edited = store.write(s -> {
            Program read = ProgramService.find(s, T, "p");
            if (first.getAndSet(false)) {
                // The compiler marks the program COMPILING between our read and our write.
                store.write(inner -> {
                    inner.saveProgram(withStatus(ProgramService.find(inner, T, "p"), ProgramStatus.COMPILING));
                    return null;
                });
            }
            Program renamed = new Program(read.id(), T, "renamed", read.description(), read.code(), read.version(),
                    read.status(), read.statusSince(), read.diagnostics(), read.schema(), read.createdAt(), read.updatedAt());
            s.saveProgram(renamed);
            return renamed;
        });
        assertThat(edited.status()).as("the retried write read the compiler's status").isEqualTo(ProgramStatus.COMPILING);
        assertThat(manager.getProgram(C, "renamed").status()).isEqualTo(ProgramStatus.COMPILING);
    }

    @Test
    void jsonDocumentsAndInstantsRoundTrip() {
        Program p = manager.createProgram(C, new ProgramSpec("p", "", SQL));
        ProgramSchema schema = new ProgramSchema(
                List.of(new ProgramSchema.Relation("t", List.of(new ProgramSchema.Column("x", "INTEGER", true)),
                        List.of("x"), false)),
                List.of(new ProgramSchema.Relation("v", List.of(new ProgramSchema.Column("y", "DECIMAL(10, 2)", false)),
                        List.of(), true)));
        List<Diagnostic> diagnostics = List.of(Diagnostic.warning("Unused", "t is unused", new SourceRange(1, 14, 1, 14)));
        Program compiled = new Program(p.id(), T, p.name(), p.description(), p.code(), p.version(), ProgramStatus.SUCCESS,
                p.statusSince(), diagnostics, schema, p.createdAt(), p.updatedAt());
        store.write(s -> {
            ProgramService.find(s, T, "p");
            s.saveProgram(compiled);
            return null;
        });
        Program reread = manager.getProgram(C, "p");
        assertThat(reread).isEqualTo(compiled);
        assertThat(reread.createdAt()).isEqualTo(p.createdAt());
    }

    @Test
    void programInUseCannotBeDeleted() {
        manager.createProgram(C, new ProgramSpec("p", "", SQL));
        manager.createPipeline(C, new PipelineSpec("pl", "", "p", null));
        assertCode(() -> manager.deleteProgram(C, "p"), ErrorCode.ProgramInUse);
        manager.deletePipeline(C, "pl");
        manager.deleteProgram(C, "p");
        assertCode(() -> manager.getProgram(C, "p"), ErrorCode.UnknownProgram);
    }

    @Test
    void pipelineReferencesAnExistingProgramAndHasAUniqueName() {
        assertCode(() -> manager.createPipeline(C, new PipelineSpec("pl", "", "nope", null)), ErrorCode.UnknownProgram);
        Program p = manager.createProgram(C, new ProgramSpec("p", "", SQL));
        Pipeline pl = manager.createPipeline(C, new PipelineSpec("pl", "d", p.id().toString(),
                new PipelineConfig(1, 500, 10, 5000, OnRuntimeError.FAIL)));
        assertThat(pl.programId()).isEqualTo(p.id());
        assertThat(pl.status()).isEqualTo(PipelineStatus.STOPPED);
        assertThat(pl.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        assertThat(pl.config()).isEqualTo(new PipelineConfig(1, 500, 10, 5000, OnRuntimeError.FAIL));
        assertThat(manager.getPipeline(C, "pl")).isEqualTo(pl);
        assertThat(manager.getPipeline(C, pl.id().toString())).isEqualTo(pl);
        assertCode(() -> manager.createPipeline(C, new PipelineSpec("pl", "", "p", null)), ErrorCode.DuplicateName);
        assertThat(manager.listPipelines(C)).containsExactly(pl);
    }

    @Test
    void pipelineIsEditableOnlyWhenFullyStopped() {
        manager.createProgram(C, new ProgramSpec("p", "", SQL));
        manager.createProgram(C, new ProgramSpec("q", "", SQL));
        manager.createPipeline(C, new PipelineSpec("pl", "", "p", null));
        Pipeline edited = manager.updatePipeline(C, "pl", new PipelineUpdate(null, null, "q", null, 1L));
        assertThat(edited.version()).isEqualTo(2);
        assertThat(edited.programId()).isEqualTo(manager.getProgram(C, "q").id());

        Pipeline started = manager.startPipeline(C, "pl");
        assertThat(started.desiredStatus()).isEqualTo(DesiredStatus.RUNNING);
        assertThat(started.version()).isEqualTo(2);
        assertCode(() -> manager.updatePipeline(C, "pl", new PipelineUpdate("x", null, null, null, null)),
                ErrorCode.UpdateRestrictedToStopped);
        assertCode(() -> manager.deletePipeline(C, "pl"), ErrorCode.UpdateRestrictedToStopped);
        assertThat(manager.pausePipeline(C, "pl").desiredStatus()).isEqualTo(DesiredStatus.PAUSED);
        assertThat(manager.shutdownPipeline(C, "pl").desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        manager.deletePipeline(C, "pl");
        assertCode(() -> manager.getPipeline(C, "pl"), ErrorCode.UnknownPipeline);
    }

    @Test
    void failedPipelineMustBeShutDownBeforeStarting() {
        manager.createProgram(C, new ProgramSpec("p", "", SQL));
        Pipeline pl = manager.createPipeline(C, new PipelineSpec("pl", "", "p", null));
        PipelineError error = new PipelineError(ErrorCode.InternalError, "boom", Map.of("operator", "join#3"));
        store.write(s -> {
            s.findPipeline(T, "pl").orElseThrow();
            s.savePipeline(new Pipeline(pl.id(), T, pl.name(), pl.description(), pl.programId(), 1L, pl.config(),
                    DesiredStatus.RUNNING, PipelineStatus.FAILED, Instant.parse("2026-01-01T00:00:00Z"), error,
                    pl.version(), pl.createdAt(), pl.updatedAt(), null));
            return null;
        });
        assertThat(manager.getPipeline(C, "pl").error()).isEqualTo(error);
        assertCode(() -> manager.startPipeline(C, "pl"), ErrorCode.IllegalTransition);
        assertCode(() -> manager.pausePipeline(C, "pl"), ErrorCode.IllegalTransition);
        assertThat(manager.shutdownPipeline(C, "pl").desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
    }

    @Test
    void invalidInputWritesNothing() {
        assertCode(() -> manager.createProgram(C, new ProgramSpec("-bad", "", SQL)), ErrorCode.InvalidName);
        assertCode(() -> manager.createProgram(C, new ProgramSpec(UUID.randomUUID().toString(), "", SQL)), ErrorCode.InvalidName);
        assertCode(() -> manager.createProgram(C, new ProgramSpec("p", "x".repeat(1001), SQL)), ErrorCode.InvalidDescription);
        assertCode(() -> manager.createProgram(C, new ProgramSpec("p", "", "x".repeat((1 << 20) + 1))), ErrorCode.CodeTooLarge);
        assertThat(manager.listPrograms(C)).isEmpty();
        manager.createProgram(C, new ProgramSpec("p", "", SQL));
        assertCode(() -> manager.createPipeline(C, new PipelineSpec("pl", "", "p", new PipelineConfig(0, 1, 1, 1))),
                ErrorCode.InvalidConfig);
        assertThat(manager.listPipelines(C)).isEmpty();
    }

    @Test
    void leasesGoToOneOwnerUntilTheyExpire() {
        AtomicReference<Instant> clock = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Leases a = new Leases(store, "a", Duration.ofSeconds(10), clock::get);
        Leases b = new Leases(store, "b", Duration.ofSeconds(10), clock::get);
        UUID work = UUID.randomUUID();
        assertThat(a.claim(Lease.COMPILE, work)).isTrue();
        assertThat(b.claim(Lease.COMPILE, work)).isFalse();
        assertThat(a.claim(Lease.COMPILE, work)).as("renewal").isTrue();
        assertThat(a.claim(Lease.PIPELINE, work)).as("another kind is other work").isTrue();
        clock.set(clock.get().plusSeconds(11));
        assertThat(a.holds(Lease.COMPILE, work)).isFalse();
        assertThat(b.claim(Lease.COMPILE, work)).as("expired lease taken over").isTrue();
        assertThat(a.claim(Lease.COMPILE, work)).isFalse();
        a.release(Lease.COMPILE, work);
        assertThat(b.holds(Lease.COMPILE, work)).as("only the owner releases").isTrue();
        b.release(Lease.COMPILE, work);
        assertThat(a.claim(Lease.COMPILE, work)).isTrue();
    }

    @Test
    void racingClaimsHaveExactlyOneWinner() throws Exception {
        UUID work = UUID.randomUUID();
        List<Leases> instances = IntStream.range(0, 4)
                .mapToObj(i -> new Leases(store, "i" + i, Duration.ofSeconds(30), Instant::now)).toList();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> claims = instances.stream()
                .map(l -> CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return l.claim(Lease.PIPELINE, work);
                })).toList();
        go.countDown();
        assertThat(claims.stream().map(CompletableFuture::join).filter(won -> won).count()).isEqualTo(1);
    }

    /**
     * The compiler's status writes race client edits of a program's name, description and code:
     * between any two of the compiler's transactions a client may edit; after every pass each
     * acknowledged edit is in the stored program, and the last code compiles.
     */
    @Test
    void compilerNeverUndoesAcknowledgedProgramEdits() {
        ProgramService programs = new ProgramService(store, NOW);
        String id = programs.create(T, new ProgramSpec("race", "d", SQL)).id().toString();
        Random random = new Random(RACE_SEED);
        // What the client was told, field by field (a returned record would repeat an undone field).
        Map<String, Object> acked = new java.util.concurrent.ConcurrentHashMap<>(clientFields(programs.get(T, id)));
        AtomicInteger edits = new AtomicInteger();
        Runnable client = () -> {
            int n = edits.incrementAndGet();
            ProgramUpdate update = switch (random.nextInt(3)) {
                case 0 -> new ProgramUpdate(null, "description " + n, null, null);
                case 1 -> new ProgramUpdate("race-" + n, null, null, null);
                default -> ProgramUpdate.code("CREATE TABLE t (x INTEGER, c" + n + " INTEGER);");
            };
            Program result = programs.update(T, id, update);
            if (update.name() != null) {
                acked.put("name", update.name());
            }
            if (update.description() != null) {
                acked.put("description", update.description());
            }
            if (update.code() != null) {
                acked.put("code", update.code());
                acked.put("version", result.version());
            }
        };
        CompilerService compiler = new CompilerService(new InterleavingStore(store, random, client),
                new Leases(store, "compiler", Duration.ofMinutes(1), NOW), new CompilePool(new SqlCompiler()), NOW);
        for (int pass = 0; pass < RACE_ROUNDS; pass++) {
            compiler.runOnce();
            assertThat(clientFields(programs.get(T, id))).as("after pass %d the acknowledged edits are stored", pass)
                    .isEqualTo(acked);
        }
        assertThat(edits.get()).as("client edits that raced the compiler").isGreaterThan(RACE_ROUNDS / 2);
        Program compiled = new ProgramService(store, NOW).get(T, id);
        for (int pass = 0; !compiled.status().isFinal() && pass < 10; pass++) {
            new CompilerService(store, new Leases(store, "compiler", Duration.ofMinutes(1), NOW),
                    new CompilePool(new SqlCompiler()), NOW)
                    .runOnce();
            compiled = programs.get(T, id);
        }
        assertThat(compiled.status()).as("%s", compiled.diagnostics()).isEqualTo(ProgramStatus.SUCCESS);
        assertThat(clientFields(compiled)).isEqualTo(acked);
    }

    /**
     * The reconciler's status writes race a client's start/pause/shutdown requests and, whenever the
     * pipeline is fully stopped, edits of its name, description and configuration: between any two
     * of the reconciler's transactions a client may act; after every pass each acknowledged request
     * and edit is in the stored pipeline.
     */
    @Test
    void reconcilerNeverUndoesAcknowledgedPipelineEdits() {
        ProgramService programs = new ProgramService(store, NOW);
        PipelineService pipelines = new PipelineService(store, NOW, Integer.MAX_VALUE);
        Leases leases = new Leases(store, "reconciler", Duration.ofMinutes(1), NOW);
        CompilePool sql = new CompilePool(new SqlCompiler());
        programs.create(T, new ProgramSpec("p", "", SQL));
        new CompilerService(store, leases, sql, NOW).runOnce();
        String id = pipelines.create(T, new PipelineSpec("race", "", "p", null)).id().toString();
        Random random = new Random(RACE_SEED);
        Map<String, Object> acked = new java.util.concurrent.ConcurrentHashMap<>(clientFields(pipelines.get(T, id)));
        AtomicInteger edits = new AtomicInteger();
        Runnable client = () -> {
            int n = edits.incrementAndGet();
            try {
                if (random.nextInt(4) == 0) {
                    PipelineConfig config = new PipelineConfig(1, 100 + n % 3, 10, 1000);
                    Pipeline result = pipelines.update(T, id, new PipelineUpdate("race-" + n, "description " + n, null,
                            config, null));
                    acked.putAll(Map.of("name", "race-" + n, "description", "description " + n, "config", config,
                            "version", result.version()));
                } else {
                    DesiredStatus desired = DesiredStatus.values()[random.nextInt(3)];
                    pipelines.request(T, id, desired);
                    acked.put("desired", desired);
                }
            } catch (ManagerException refused) {
                assertThat(refused.code()).isIn(ErrorCode.IllegalTransition, ErrorCode.UpdateRestrictedToStopped);
            }
        };
        Runners runners = new Runners();
        ExecutorService steps = Executors.newCachedThreadPool();
        try {
            Reconciler reconciler = new Reconciler(new InterleavingStore(store, random, client), leases, sql, runners,
                    steps, NOW, Integer.MAX_VALUE);
            for (int pass = 0; pass < RACE_ROUNDS * 4; pass++) {
                reconciler.runOnce();
                assertThat(clientFields(pipelines.get(T, id)))
                        .as("after pass %d the acknowledged requests and edits are stored", pass).isEqualTo(acked);
            }
            assertThat(edits.get()).as("client requests that raced the reconciler").isGreaterThan(RACE_ROUNDS);
            Reconciler quiet = new Reconciler(store, leases, sql, runners, steps, NOW, Integer.MAX_VALUE);
            for (int pass = 0; pass < 10; pass++) {
                quiet.runOnce();
            }
            Pipeline settled = pipelines.get(T, id);
            assertThat(settled.status().name()).isEqualTo(settled.desiredStatus().name());
            assertThat(clientFields(settled)).isEqualTo(acked);
        } finally {
            runners.stopAll();
            steps.shutdownNow();
        }
    }

    private static Map<String, Object> clientFields(Program p) {
        return Map.of("name", p.name(), "description", p.description(), "code", p.code(), "version", p.version());
    }

    private static Map<String, Object> clientFields(Pipeline p) {
        return Map.of("name", p.name(), "description", p.description(), "config", p.config(),
                "desired", p.desiredStatus(), "version", p.version());
    }

    /**
     * The store as a background writer sees it: after each of its transactions, a client may act
     * (with probability one half) — the interleavings a real race produces, but reproducibly.
     */
    private record InterleavingStore(Store delegate, Random random, Runnable client) implements Store {
        @Override
        public <R> R read(Function<StoreSession, R> work) {
            R result = delegate.read(work);
            maybeAct();
            return result;
        }

        @Override
        public <R> R write(Function<StoreSession, R> work) {
            R result = delegate.write(work);
            maybeAct();
            return result;
        }

        private void maybeAct() {
            if (random.nextBoolean()) {
                client.run();
            }
        }

        @Override
        public void close() {
        }
    }

    @Test
    void nulCharactersAreRefusedWithTheFieldBeforeTheDatabase() {
        manager.createProgram(C, new ProgramSpec("nul", "", SQL));
        manager.createPipeline(C, new PipelineSpec("nul-pl", "", "nul", null));
        String nul = "a\u0000b";
        assertField(() -> manager.createProgram(C, new ProgramSpec("p2", nul, SQL)), ErrorCode.InvalidDescription, "description");
        assertField(() -> manager.createProgram(C, new ProgramSpec("p2", "", SQL + "--" + nul)), ErrorCode.InvalidRequest, "code");
        assertField(() -> manager.validateProgram(C, SQL + "--" + nul), ErrorCode.InvalidRequest, "code");
        assertField(() -> manager.createProgram(C, new ProgramSpec(nul, "", SQL)), ErrorCode.InvalidName, "name");
        assertField(() -> manager.updateProgram(C, "nul", new ProgramUpdate(null, nul, null, null)), ErrorCode.InvalidDescription, "description");
        assertField(() -> manager.updateProgram(C, "nul", ProgramUpdate.code(nul)), ErrorCode.InvalidRequest, "code");
        assertField(() -> manager.createPipeline(C, new PipelineSpec("pl2", nul, "nul", null)), ErrorCode.InvalidDescription, "description");
        assertField(() -> manager.createPipeline(C, new PipelineSpec("pl2", "", nul, null)), ErrorCode.InvalidRequest, "program");
        assertField(() -> manager.updatePipeline(C, "nul-pl", new PipelineUpdate(null, null, nul, null, null)),
                ErrorCode.InvalidRequest, "program");
        List<Runnable> byRef = List.of(
                () -> manager.getProgram(C, nul),
                () -> manager.compilationQueuePosition(C, nul),
                () -> manager.updateProgram(C, nul, new ProgramUpdate(null, "d", null, null)),
                () -> manager.deleteProgram(C, nul),
                () -> manager.getPipeline(C, nul),
                () -> manager.updatePipeline(C, nul, new PipelineUpdate(null, "d", null, null, null)),
                () -> manager.deletePipeline(C, nul),
                () -> manager.startPipeline(C, nul),
                () -> manager.pausePipeline(C, nul),
                () -> manager.shutdownPipeline(C, nul),
                () -> manager.pipelineStats(C, nul),
                () -> manager.query(C, nul, "SELECT 1"),
                () -> manager.prepareQuery(C, nul, "SELECT 1", DataFormat.JSON),
                () -> manager.subscribe(C, nul, "v", false),
                () -> manager.insert(C, nul, "t", List.of(Map.of("x", 1))),
                () -> manager.push(C, nul, "t", List.of()),
                () -> manager.subscribe(C, nul, "v", false, Map.class, Runnable::run),
                () -> manager.listen(C, nul, "v", false, Map.class, Runnable::run, (step, changes) -> { }),
                () -> {
                    try {
                        manager.awaitStep(C, nul, 1, java.time.Duration.ZERO);
                    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
                        throw new AssertionError(e);
                    }
                });
        for (Runnable call : byRef) {
            assertField(call, ErrorCode.InvalidRequest, "id");
        }
        assertThat(manager.getProgram(C, "nul").description()).isEmpty();
        assertThat(manager.listPrograms(C)).extracting(Program::name).containsExactly("nul");
    }

    private static void assertField(Runnable action, ErrorCode code, String field) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ManagerException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.details()).as(e.getMessage()).containsEntry("field", field);
            assertThat(e.getMessage()).contains("NUL");
        });
    }

    /** The code-free projections answer what whole rows answer: queue order and positions, counts by status. */
    @Test
    void projectionsAgreeWithWholeRows() {
        Caller other = newTenant("other");
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        ProgramStatus[] statuses = {ProgramStatus.COMPILING, ProgramStatus.PENDING, ProgramStatus.SUCCESS,
                ProgramStatus.PENDING, ProgramStatus.SQL_ERROR, ProgramStatus.PENDING, ProgramStatus.COMPILING};
        for (int i = 0; i < statuses.length; i++) {
            Caller tenant = i % 3 == 2 ? other : C;
            Program p = manager.createProgram(tenant, new ProgramSpec("p" + i, "", SQL + " -- " + i));
            ProgramStatus status = statuses[i];
            // Status times out of creation order, so the queue order is the status time's, not the insertion's.
            Instant since = base.plusSeconds((i * 5L) % 7);
            boolean written = store.write(s -> s.updateProgramStatus(p.id(), p.version(), Set.of(ProgramStatus.PENDING),
                    status, since, List.of(), ProgramSchema.EMPTY));
            assertThat(written).isTrue();
        }
        Program q = manager.getProgram(C, "p0");
        manager.createPipeline(C, new PipelineSpec("l1", "", q.id().toString(), null));
        Pipeline l2 = manager.createPipeline(C, new PipelineSpec("l2", "", q.id().toString(), null));
        manager.createPipeline(other, new PipelineSpec("l3", "", "p2", null));
        boolean moved = store.write(s -> s.updatePipelineStatus(l2.id(), PipelineStatus.STOPPED,
                PipelineStatus.PROVISIONING, base, 1L, null));
        assertThat(moved).isTrue();

        List<Program> all = new java.util.ArrayList<>(manager.listPrograms(C));
        all.addAll(manager.listPrograms(other));
        List<Program> expectedQueue = all.stream().filter(p -> !p.status().isFinal())
                .sorted(java.util.Comparator.comparing(Program::statusSince).thenComparing(p -> p.id().value()))
                .toList();
        List<QueuedProgram> queue = store.read(s -> s.compileQueue());
        assertThat(queue)
                .containsExactlyElementsOf(expectedQueue.stream()
                        .map(p -> new QueuedProgram(p.id(), p.tenant(), p.version())).toList());
        for (Program p : all) {
            int expected = p.status().isFinal() ? 0 : expectedQueue.indexOf(p) + 1;
            Caller owner = p.tenant().equals(T) ? C : other;
            assertThat(manager.compilationQueuePosition(owner, p.name())).as(p.name()).isEqualTo(expected);
        }
        for (Caller tenant : List.of(C, other)) {
            Map<ProgramStatus, Long> programCounts = new java.util.EnumMap<>(ProgramStatus.class);
            for (ProgramStatus status : ProgramStatus.values()) {
                programCounts.put(status, manager.listPrograms(tenant).stream().filter(p -> p.status() == status).count());
            }
            assertThat(manager.countProgramsByStatus(tenant)).isEqualTo(programCounts);
            Map<PipelineStatus, Long> pipelineCounts = new java.util.EnumMap<>(PipelineStatus.class);
            for (PipelineStatus status : PipelineStatus.values()) {
                pipelineCounts.put(status, manager.listPipelines(tenant).stream().filter(p -> p.status() == status).count());
            }
            assertThat(manager.countPipelinesByStatus(tenant)).isEqualTo(pipelineCounts);
        }
        assertThat(manager.countPipelinesByStatus(C)).containsEntry(PipelineStatus.PROVISIONING, 1L)
                .containsEntry(PipelineStatus.STOPPED, 1L);
    }

    /**
     * An administrator of a tenant not used before (the facade creates it on first use). Names are
     * unique per run: the wipe deletes tenant rows the manager has cached (tenants are never deleted
     * outside tests).
     */
    private static Caller newTenant(String name) {
        return Caller.host(name + "-" + TENANTS.incrementAndGet(), "admin", Role.ADMIN);
    }

    /** How many tenants have that name (all tenants when {@code name} is null). */
    private long tenantRows(String name) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM tenant WHERE ? IS NULL OR name = ?")) {
            s.setString(1, name);
            s.setString(2, name);
            try (var rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Program withStatus(Program p, ProgramStatus status) {
        return new Program(p.id(), p.tenant(), p.name(), p.description(), p.code(), p.version(), status,
                p.statusSince(), p.diagnostics(), p.schema(), p.createdAt(), p.updatedAt());
    }

    static void assertCode(Runnable action, ErrorCode code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ManagerException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }
}
