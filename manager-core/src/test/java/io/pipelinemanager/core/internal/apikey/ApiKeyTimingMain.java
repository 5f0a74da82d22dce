package io.pipelinemanager.core.internal.apikey;

import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.api.ApiKeySpec;
import io.pipelinemanager.core.api.Role;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.store.Database;
import io.pipelinemanager.core.internal.store.Store;
import io.pipelinemanager.core.internal.store.jpa.JpaStore;
import io.pipelinemanager.core.testing.TestDatabases;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Prints what API key authentication costs (a measurement, not a test; numbers depend on the machine):
 * argon2id hash and verify at {@link Argon2idHasher#DEFAULT_COST}, and a whole {@link ApiKeyService#authenticate}
 * on an in-memory H2 database without and with the verification cache (both include the per-request read of the
 * key's row). Run it in a fresh JVM:
 * {@code java -cp manager-core/target/test-classes:manager-core/target/classes:<test classpath>
 * io.pipelinemanager.core.internal.apikey.ApiKeyTimingMain [runs]}.
 */
public final class ApiKeyTimingMain {

    private ApiKeyTimingMain() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Argon2idHasher hasher = new Argon2idHasher(Argon2idHasher.DEFAULT_COST, new SecureRandom(), 1);
        Argon2idHasher.Cost cost = hasher.cost();
        System.out.printf(Locale.ROOT, "argon2id m=%d KiB, t=%d, p=%d; %d runs after 5 warm-up runs; cores: %d%n",
                cost.memoryKiB(), cost.iterations(), cost.parallelism(), runs, Runtime.getRuntime().availableProcessors());
        String key = ApiKeyFormat.generate(new SecureRandom()).text();
        String hash = hasher.hash(key);
        print("argon2id hash", time(runs, () -> hasher.hash(key)));
        print("argon2id verify", time(runs, () -> {
            if (!hasher.verify(key, hash)) {
                throw new IllegalStateException("verification failed");
            }
        }));

        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(TestDatabases.h2Url());
            Database.migrate(ds);
            TenantId tenant = new TenantId(UUID.randomUUID());
            try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                    "INSERT INTO tenant (id, name, created_at) VALUES (?, 'bench', ?)")) {
                s.setObject(1, tenant.value());
                s.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                s.executeUpdate();
            }
            try (Store store = JpaStore.open(ds, new JpaStore.RetryPolicy(1, Duration.ZERO))) {
                Supplier<Instant> now = () -> Instant.now().truncatedTo(ChronoUnit.MICROS);
                ApiKeyService service = new ApiKeyService(store, now, hasher, new SecureRandom(), event -> { });
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < runs + 5; i++) {
                    keys.add(service.create(tenant, "bench", "bench", new ApiKeySpec("k" + i, Role.VIEWER, null)).secret());
                }
                int[] next = {0};
                // Each key is presented once: every call verifies with argon2id.
                print("authenticate, not cached", time(runs, () -> service.authenticate(keys.get(next[0]++), null, null)));
                // The first key again and again: answered from the cache (the row is still read each time).
                print("authenticate, cached", time(runs * 100, () -> service.authenticate(keys.get(0), null, null)));
                System.out.printf(Locale.ROOT, "argon2id verifications %d, cached verifications %d%n",
                        service.hashVerifications(), service.cachedVerifications());
            }
        }
    }

    private static double[] time(int runs, Runnable work) {
        for (int i = 0; i < 5; i++) {
            work.run();
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.run();
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private static void print(String what, double[] sorted) {
        System.out.printf(Locale.ROOT, "%-26s median %8.3f ms, p90 %8.3f ms, min %8.3f ms%n", what,
                sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)], sorted[0]);
    }
}
