package io.pipelinemanager.core.internal.checkpoint;

import io.pipelinemanager.core.api.PipelineId;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Pipeline rows (and their programs) in the default tenant, which the database store's tables refer to. */
final class PipelineRows {

    private static final UUID DEFAULT_TENANT = new UUID(0, 0);

    private PipelineRows() {
    }

    /** Inserts a program and a pipeline of it; returns the pipeline's id. */
    static PipelineId insert(DataSource dataSource) throws SQLException {
        UUID program = UUID.randomUUID();
        UUID pipeline = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO program (id, tenant_id, name, description, code, "
                    + "version, status, status_since, diagnostics_json, schema_json, row_version, created_at, updated_at) "
                    + "VALUES (?, ?, ?, '', '', 1, 'SUCCESS', ?, '[]', '{}', 0, ?, ?)")) {
                insert.setObject(1, program);
                insert.setObject(2, DEFAULT_TENANT);
                insert.setString(3, "p" + program.toString().substring(0, 8));
                insert.setObject(4, now);
                insert.setObject(5, now);
                insert.setObject(6, now);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO pipeline (id, tenant_id, name, description, "
                    + "program_id, program_version, config_json, desired_status, status, status_since, version, row_version, "
                    + "created_at, updated_at) VALUES (?, ?, ?, '', ?, 1, '{}', 'SHUTDOWN', 'SHUTDOWN', ?, 1, 0, ?, ?)")) {
                insert.setObject(1, pipeline);
                insert.setObject(2, DEFAULT_TENANT);
                insert.setString(3, "q" + pipeline.toString().substring(0, 8));
                insert.setObject(4, program);
                insert.setObject(5, now);
                insert.setObject(6, now);
                insert.setObject(7, now);
                insert.executeUpdate();
            }
        }
        return new PipelineId(pipeline);
    }
}
