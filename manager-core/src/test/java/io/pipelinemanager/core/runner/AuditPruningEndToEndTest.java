package io.pipelinemanager.core.runner;

import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.internal.store.Database;
import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The background work of a manager prunes audit events older than {@code pm.audit.retention}, starting at start. */
class AuditPruningEndToEndTest {

    @Test
    void aStartingManagerPrunesEventsOlderThanTheRetention() throws Exception {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(TestDatabases.h2Url());
            Database.migrate(ds);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            insertEvent(ds, "old", now.minusDays(3));
            insertEvent(ds, "recent", now.minusHours(1));

            try (PipelineManager manager = PipelineManager.builder().environment(Map.of()).dataSource(ds)
                    .property("pm.audit.retention", "P2D").build()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> targets(ds).equals(List.of("recent")));
            }
        }
    }

    private static void insertEvent(HikariDataSource ds, String target, OffsetDateTime at) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO audit_event (occurred_at, principal, auth_method, action, target_name, outcome)"
                        + " VALUES (?, 'alice', 'HOST', 'pipeline.create', ?, 'SUCCESS')")) {
            s.setObject(1, at);
            s.setString(2, target);
            s.executeUpdate();
        }
    }

    private static List<String> targets(HikariDataSource ds) throws Exception {
        List<String> targets = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT target_name FROM audit_event ORDER BY id")) {
            while (rows.next()) {
                targets.add(rows.getString(1));
            }
        }
        return targets;
    }
}
