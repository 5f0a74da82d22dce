package io.pipelinemanager.core.internal.checkpoint;

import io.pipelinemanager.core.api.PipelineId;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A journal as rows of {@code pipeline_journal}: one row per record with a CRC32C of its sequence and payload.
 * A group-committed batch is one JDBC batch in one transaction, so an append is durable when the database has
 * committed it and a crash never leaves half a record. Truncation deletes rows and records the highest dropped
 * sequence in {@code pipeline_journal_floor}.
 */
final class DatabaseJournal extends GroupCommitJournal {

    private final DataSource dataSource;
    private final PipelineId pipeline;

    private DatabaseJournal(DataSource dataSource, PipelineId pipeline, long maxBytes, long bytes, long lastSequence) {
        super(maxBytes, 0, bytes, lastSequence);
        this.dataSource = dataSource;
        this.pipeline = pipeline;
    }

    /** The journal of {@code pipeline} as stored now. */
    static DatabaseJournal open(DataSource dataSource, PipelineId pipeline, long maxBytes) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            long bytes;
            long last;
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*), COALESCE(SUM(OCTET_LENGTH(payload)), 0), "
                    + "COALESCE(MAX(seq_no), 0) FROM pipeline_journal WHERE pipeline_id = ?")) {
                select.setObject(1, pipeline.value());
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    bytes = rs.getLong(1) * RECORD_OVERHEAD + rs.getLong(2);
                    last = rs.getLong(3);
                }
            }
            return new DatabaseJournal(dataSource, pipeline, maxBytes, bytes, Math.max(last, floor(connection, pipeline)));
        } catch (SQLException e) {
            throw Jdbc.failure("Cannot open the journal of pipeline " + pipeline, e);
        }
    }

    private static long floor(Connection connection, PipelineId pipeline) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT truncated_through FROM pipeline_journal_floor WHERE pipeline_id = ?")) {
            select.setObject(1, pipeline.value());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Override
    long flush(List<Record> batch) throws IOException {
        return Jdbc.transaction(dataSource, "Cannot append to the journal of pipeline " + pipeline, true, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO pipeline_journal (pipeline_id, seq_no, payload, crc) VALUES (?, ?, ?, ?)")) {
                for (Record record : batch) {
                    insert.setObject(1, pipeline.value());
                    insert.setLong(2, record.sequence());
                    insert.setBytes(3, record.payload());
                    insert.setInt(4, Crc.of(record.sequence(), record.payload()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return 0L;
        });
    }

    @Override
    public void replay(long afterSequence, Visitor visitor) throws IOException {
        // In a transaction, PostgreSQL streams the rows (fetch size) instead of loading them all.
        Jdbc.transaction(dataSource, "Cannot read the journal of pipeline " + pipeline, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT seq_no, payload, crc FROM pipeline_journal "
                    + "WHERE pipeline_id = ? AND seq_no > ? ORDER BY seq_no")) {
                select.setFetchSize(fetchSize(connection));
                select.setObject(1, pipeline.value());
                select.setLong(2, Math.max(afterSequence, floor(connection, pipeline)));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        long sequence = rs.getLong(1);
                        byte[] payload = rs.getBytes(2);
                        if (rs.getInt(3) != Crc.of(sequence, payload)) {
                            throw new CorruptStateException("journal record " + sequence + " of pipeline " + pipeline
                                    + " fails its checksum");
                        }
                        visitor.record(sequence, payload);
                    }
                }
            }
            return null;
        });
    }

    /** Rows per round trip while replaying: up to 256, fewer when records are large (about 32 MiB at a time). */
    private int fetchSize(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COALESCE(MAX(OCTET_LENGTH(payload)), 0) FROM pipeline_journal WHERE pipeline_id = ?")) {
            select.setObject(1, pipeline.value());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                long largest = Math.max(1, rs.getLong(1));
                return (int) Math.max(1, Math.min(256, (32L << 20) / largest));
            }
        }
    }

    @Override
    public void truncateThrough(long sequence) throws IOException {
        exclusive(() -> {
            long freed = Jdbc.transaction(dataSource, "Cannot truncate the journal of pipeline " + pipeline, connection -> {
                long bytes;
                try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*), "
                        + "COALESCE(SUM(OCTET_LENGTH(payload)), 0) FROM pipeline_journal WHERE pipeline_id = ? AND seq_no <= ?")) {
                    select.setObject(1, pipeline.value());
                    select.setLong(2, sequence);
                    try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                        bytes = rs.getLong(1) * RECORD_OVERHEAD + rs.getLong(2);
                    }
                }
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM pipeline_journal WHERE pipeline_id = ? AND seq_no <= ?")) {
                    delete.setObject(1, pipeline.value());
                    delete.setLong(2, sequence);
                    delete.executeUpdate();
                }
                // Matches the pipeline's floor row whatever it holds (also 0, from a truncation before any record),
                // so no match means there is no row yet; the floor never goes down.
                int updated;
                try (PreparedStatement update = connection.prepareStatement("UPDATE pipeline_journal_floor "
                        + "SET truncated_through = GREATEST(truncated_through, ?) WHERE pipeline_id = ?")) {
                    update.setLong(1, sequence);
                    update.setObject(2, pipeline.value());
                    updated = update.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO pipeline_journal_floor (pipeline_id, truncated_through) VALUES (?, ?)")) {
                        insert.setObject(1, pipeline.value());
                        insert.setLong(2, sequence);
                        insert.executeUpdate();
                    }
                }
                return bytes;
            });
            released(freed);
            raiseLastSequence(sequence);
            return null;
        });
    }
}
