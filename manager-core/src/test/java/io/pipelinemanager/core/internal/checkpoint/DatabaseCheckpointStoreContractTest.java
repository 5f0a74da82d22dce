package io.pipelinemanager.core.internal.checkpoint;

import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.api.PipelineId;
import io.pipelinemanager.core.internal.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract on the manager's database (one subclass per database), plus the cascade from a pipeline's row.
 * Pipelines are real rows (the store's tables refer to them); a crash is an open transaction that never commits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseCheckpointStoreContractTest extends CheckpointStoreContractTest {

    HikariDataSource dataSource;

    /** A JDBC URL of a new empty database (user included). */
    abstract String newDatabaseUrl() throws Exception;

    /** Releases the database behind the URL. */
    void dropDatabase(String url) throws Exception {
    }

    @BeforeAll
    void openDatabase() throws Exception {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(newDatabaseUrl());
        dataSource.setMaximumPoolSize(6);
        Database.migrate(dataSource);
    }

    @AfterAll
    void closeDatabase() throws Exception {
        if (dataSource != null) {
            String url = dataSource.getJdbcUrl();
            dataSource.close();
            dropDatabase(url);
        }
    }

    @Override
    void freshStorage() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM pipeline");
            s.executeUpdate("DELETE FROM program");
        }
    }

    @Override
    CheckpointStore newStore(long journalMaxBytes) {
        return new DatabaseCheckpointStore(dataSource, journalMaxBytes, CHUNK);
    }

    @Override
    PipelineId newPipeline() throws SQLException {
        return PipelineRows.insert(dataSource);
    }

    private long newestNumber(Connection c, PipelineId pipeline) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT MAX(checkpoint_no) FROM pipeline_checkpoint WHERE pipeline_id = ?")) {
            select.setObject(1, pipeline.value());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    void flipByteInCheckpointBody(PipelineId pipeline) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long number = newestNumber(c, pipeline);
            byte[] data;
            try (PreparedStatement select = c.prepareStatement("SELECT chunk_data FROM pipeline_checkpoint_chunk "
                    + "WHERE pipeline_id = ? AND checkpoint_no = ? AND chunk_no = 1")) {
                select.setObject(1, pipeline.value());
                select.setLong(2, number);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    data = rs.getBytes(1);
                }
            }
            data[data.length / 2] ^= 0x10;
            try (PreparedStatement update = c.prepareStatement("UPDATE pipeline_checkpoint_chunk SET chunk_data = ? "
                    + "WHERE pipeline_id = ? AND checkpoint_no = ? AND chunk_no = 1")) {
                update.setBytes(1, data);
                update.setObject(2, pipeline.value());
                update.setLong(3, number);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }
    }

    @Override
    void truncateCheckpoint(PipelineId pipeline) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM pipeline_checkpoint_chunk WHERE pipeline_id = ? "
                     + "AND checkpoint_no = ? AND chunk_no = (SELECT MAX(chunk_no) FROM pipeline_checkpoint_chunk "
                     + "WHERE pipeline_id = ? AND checkpoint_no = ?)")) {
            long number = newestNumber(c, pipeline);
            delete.setObject(1, pipeline.value());
            delete.setLong(2, number);
            delete.setObject(3, pipeline.value());
            delete.setLong(4, number);
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
    }

    @Override
    void flipByteInJournalRecord(PipelineId pipeline, long sequence) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            byte[] payload;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT payload FROM pipeline_journal WHERE pipeline_id = ? AND seq_no = ?")) {
                select.setObject(1, pipeline.value());
                select.setLong(2, sequence);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    payload = rs.getBytes(1);
                }
            }
            payload[payload.length / 2] ^= 0x10;
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE pipeline_journal SET payload = ? WHERE pipeline_id = ? AND seq_no = ?")) {
                update.setBytes(1, payload);
                update.setObject(2, pipeline.value());
                update.setLong(3, sequence);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }
    }

    /** An open transaction that did {@code work} and never commits; closing the handle rolls it back. */
    private AutoCloseable uncommitted(SqlWork work) throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        try {
            work.run(c);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            c.close();
            throw e;
        }
        return () -> {
            c.rollback();
            c.setAutoCommit(true);
            c.close();
        };
    }

    @FunctionalInterface
    interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    @Override
    AutoCloseable crashDuringAppend(PipelineId pipeline, long sequence, byte[] payload) throws SQLException {
        return uncommitted(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO pipeline_journal (pipeline_id, seq_no, payload, crc) VALUES (?, ?, ?, ?)")) {
                insert.setObject(1, pipeline.value());
                insert.setLong(2, sequence);
                insert.setBytes(3, payload);
                insert.setInt(4, Crc.of(sequence, payload));
                insert.executeUpdate();
            }
        });
    }

    @Override
    AutoCloseable crashDuringCheckpointWrite(PipelineId pipeline) throws SQLException {
        return uncommitted(c -> {
            long number = newestNumber(c, pipeline) + 1;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO pipeline_checkpoint (pipeline_id, checkpoint_no, "
                    + "step, journal_sequence, program_hash, format_version, created_at_millis, body_bytes, chunk_count, "
                    + "meta_crc) VALUES (?, ?, 99, 99, 'x', 1, 0, 0, 0, 0)")) {
                insert.setObject(1, pipeline.value());
                insert.setLong(2, number);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO pipeline_checkpoint_chunk (pipeline_id, "
                    + "checkpoint_no, chunk_no, chunk_data, crc) VALUES (?, ?, 0, ?, 0)")) {
                insert.setObject(1, pipeline.value());
                insert.setLong(2, number);
                insert.setBytes(3, new byte[CHUNK]);
                insert.executeUpdate();
            }
        });
    }

    @Override
    int storedCheckpoints(PipelineId pipeline) throws SQLException {
        return count("pipeline_checkpoint", pipeline);
    }

    private int count(String table, PipelineId pipeline) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE pipeline_id = ?")) {
            select.setObject(1, pipeline.value());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void aJournalWhoseCommitFailedIsRefusedAndReplacedByOneReadFromTheDatabase() throws Exception {
        PipelineId pipeline = newPipeline();
        Journal journal = store.journal(pipeline);
        journal.append(1, payload(1));
        deletePipelineRow(pipeline);

        assertThatThrownBy(() -> journal.append(2, payload(2))).isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot append to the journal of pipeline " + pipeline);
        assertThatThrownBy(() -> journal.append(3, payload(3))).hasMessageContaining("earlier write");

        Journal fresh = store.journal(pipeline);
        assertThat(fresh).isNotSameAs(journal);
        assertThat(fresh.lastSequence()).as("the row and its journal are gone").isZero();
    }

    private void deletePipelineRow(PipelineId pipeline) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM pipeline WHERE id = ?")) {
            delete.setObject(1, pipeline.value());
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void deletingAPipelineRowDeletesItsCheckpointsAndJournal() throws Exception {
        PipelineId pipeline = newPipeline();
        PipelineId other = newPipeline();
        store.write(pipeline, info(1, 1), out -> out.write(randomBytes(CHUNK * 2, 1)));
        store.write(other, info(1, 1), out -> out.write(1));
        store.journal(pipeline).append(1, payload(1));
        store.journal(pipeline).truncateThrough(1);
        store.journal(pipeline).append(2, payload(2));

        deletePipelineRow(pipeline);

        for (String table : new String[] {"pipeline_checkpoint", "pipeline_checkpoint_chunk", "pipeline_journal",
                "pipeline_journal_floor"}) {
            assertThat(count(table, pipeline)).as(table).isZero();
        }
        assertThat(storedCheckpoints(other)).isEqualTo(1);
        assertThat(restart().latest(other)).isPresent();
    }
}
