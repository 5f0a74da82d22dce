package io.pipelinemanager.embedded.durability;

import io.pipelinemanager.embedded.durability.CrashWorkload.KillMoment;
import io.pipelinemanager.embedded.durability.CrashWorkload.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing acknowledged is lost, nothing is applied twice, when the manager running an {@code exactly_once} pipeline
 * is killed with {@code kill -9}: the packaged jar runs as a child JVM, clients push random inserts and deletes over
 * HTTP, the child is killed at moments a seeded random picks (during ingress, right after a checkpoint was asked
 * for, right after a periodic one completed, right after a restart, and once more while a restart is bringing the
 * pipeline back), started again, and after each restart the
 * pipeline's table and views must equal a recompute of exactly the acknowledged input ({@link CrashWorkload}).
 * Once with an H2 file database and the directory checkpoint store, once with PostgreSQL and the database store.
 * The seed is printed; {@code -Dpm.it.crash-seed=N} repeats a run's choices.
 */
class CrashRecoveryIT {

    /** Checkpoints every second, so that the kills land before, during and after them. */
    static final String PIPELINE_CONFIG =
            "{\"fault_tolerance\":\"exactly_once\",\"checkpoint_interval_secs\":1,\"max_batch_delay_millis\":20}";

    /** Kept when a test fails: the child's logs and its database are what explains a failure. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void killedAndRestartedOnH2WithTheDirectoryStoreLosesAndDuplicatesNothing() {
        Map<String, String> config = managerConfig();
        config.put("pm.db.url", "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE");
        config.put("pm.checkpoint.store", "directory");
        config.put("pm.checkpoint.directory", dir.resolve("checkpoints").toString());
        killAndRestart(config, "H2 + directory store", "directory");
    }

    @Test
    void killedAndRestartedOnPostgresWithTheDatabaseStoreLosesAndDuplicatesNothing() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create()) {
            Map<String, String> config = managerConfig();
            config.put("pm.db.url", database.url());
            config.put("pm.checkpoint.store", "database");
            killAndRestart(config, "PostgreSQL + database store", "database");
        }
    }

    static Map<String, String> managerConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("pm.compiler.poll-interval-ms", "50");
        config.put("pm.runner.reconcile-interval-ms", "50");
        return config;
    }

    /** The seed of this run: {@code pm.it.crash-seed} when given, otherwise a new one (printed, to repeat it). */
    static long seed() {
        Long given = Long.getLong("pm.it.crash-seed");
        return given != null ? given : new Random().nextLong();
    }

    /** The kill moments of a run: each kind once, in an order the seed picks. */
    static List<KillMoment> moments(Random random) {
        List<KillMoment> moments = new ArrayList<>(List.of(KillMoment.values()));
        Collections.shuffle(moments, random);
        return moments;
    }

    private void killAndRestart(Map<String, String> config, String variant, String store) {
        long seed = seed();
        System.out.println("CrashRecoveryIT (" + variant + "): seed " + seed + " (-Dpm.it.crash-seed=" + seed + " repeats it)");
        try (ManagerProcess manager = new ManagerProcess("m", dir.resolve("m"), config).start()) {
            CrashWorkload workload = new CrashWorkload(seed, 2, new CrashWorkload.Cluster() {
                @Override
                public URI owner() {
                    return manager.base();
                }

                @Override
                public void killOwner() {
                    manager.kill();
                }

                @Override
                public void recover(String pipeline, Http http) {
                    long started = System.nanoTime();
                    manager.start();
                    System.out.printf("restarted %s in %d ms (process start to REST API)%n", manager.name(),
                            (System.nanoTime() - started) / 1_000_000);
                }

                @Override
                public String logs() {
                    return manager.logTail();
                }
            });
            workload.create(PIPELINE_CONFIG, store);
            Summary summary = workload.run(moments(new Random(seed)));
            System.out.println("CrashRecoveryIT (" + variant + "): " + summary);
            assertThat(summary.rounds()).isGreaterThanOrEqualTo(3);
            assertThat(summary.lost()).isZero();
            assertThat(summary.duplicated()).isZero();
            assertThat(summary.acknowledged()).isPositive();
        }
    }
}
