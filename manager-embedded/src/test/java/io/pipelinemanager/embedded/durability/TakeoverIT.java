package io.pipelinemanager.embedded.durability;

import io.pipelinemanager.embedded.durability.CrashWorkload.KillMoment;
import io.pipelinemanager.embedded.durability.CrashWorkload.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Takeover on PostgreSQL: two managers (two child JVMs of the packaged jar) share one database and its database
 * checkpoint store; the one running an {@code exactly_once} pipeline is killed with {@code kill -9} while clients
 * push into it, the other takes the pipeline over when the dead owner's lease expires and resumes it from the shared
 * checkpoint and journal — its table and views equal the recompute of the acknowledged input
 * ({@link CrashWorkload}). The killed manager comes back as the standby, so the pipeline moves from one to the other
 * on every round.
 */
class TakeoverIT {

    /** Short leases: the survivor takes over about this long after the kill. */
    static final String LEASE_TTL_MS = "2000";

    @TempDir
    Path dir;

    @Test
    void theOtherInstanceResumesAKilledOwnersPipelineFromTheSharedStoreWithoutLosingAcknowledgedInput() throws Exception {
        long seed = CrashRecoveryIT.seed();
        System.out.println("TakeoverIT: seed " + seed + " (-Dpm.it.crash-seed=" + seed + " repeats it)");
        try (PostgresDatabase database = PostgresDatabase.create()) {
            Map<String, String> config = CrashRecoveryIT.managerConfig();
            config.put("pm.db.url", database.url());
            config.put("pm.lease.ttl-ms", LEASE_TTL_MS);
            config.put("pm.checkpoint.store", "database");
            try (ManagerProcess a = new ManagerProcess("a", dir.resolve("a"), config);
                 ManagerProcess b = new ManagerProcess("b", dir.resolve("b"), config)) {
                a.start();   // alone at first, so the pipeline starts on a
                ManagerProcess[] roles = {a, b};   // owner, standby
                CrashWorkload workload = new CrashWorkload(seed, 2, new CrashWorkload.Cluster() {
                    @Override
                    public URI owner() {
                        return roles[0].base();
                    }

                    @Override
                    public void killOwner() {
                        roles[0].kill();
                    }

                    @Override
                    public void recover(String pipeline, Http http) {
                        ManagerProcess dead = roles[0];
                        ManagerProcess survivor = roles[1];
                        long killed = System.nanoTime();
                        roles[0] = survivor;
                        roles[1] = dead;
                        // Only then: the restarted manager has the dead one's instance id, so it still owns the lease.
                        CrashWorkload.awaitRunning(http, survivor.base());
                        System.out.printf("%s took the pipeline over %d ms after %s was killed%n", survivor.name(),
                                (System.nanoTime() - killed) / 1_000_000, dead.name());
                        dead.start();   // the standby of the next round
                    }

                    @Override
                    public String logs() {
                        return a.logTail() + b.logTail();
                    }
                });
                workload.create(CrashRecoveryIT.PIPELINE_CONFIG, "database");
                b.start();
                Random random = new Random(seed);
                List<KillMoment> moments = List.of(KillMoment.DURING_INGRESS, KillMoment.AFTER_PERIODIC_CHECKPOINT,
                        random.nextBoolean() ? KillMoment.CHECKPOINT_REQUESTED : KillMoment.DURING_INGRESS);
                Summary summary = workload.run(moments);
                System.out.println("TakeoverIT: " + summary);
                assertThat(summary.rounds()).isEqualTo(3);
                assertThat(summary.lost()).isZero();
                assertThat(summary.duplicated()).isZero();
            }
        }
    }
}
