package io.pipelinemanager.core.internal.checkpoint;

import io.pipelinemanager.core.api.PipelineId;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Checkpoints and journals in the manager's database (tables of migration V4; PostgreSQL or H2), so that any
 * instance can resume a pipeline another one ran. Plain JDBC on the manager's pool.
 *
 * <p>A checkpoint is one transaction: its metadata row, its body in chunk rows (1 MiB, each with a CRC32C),
 * then the row's size, chunk count and checksum; a crash or a failed body rolls all of it back, leaving the
 * previous checkpoint. Once committed, older checkpoints of the pipeline are deleted (their chunks cascade).
 * Journal records are rows (see {@link DatabaseJournal}). Rows go with their pipeline's row (ON DELETE CASCADE).
 */
public final class DatabaseCheckpointStore implements CheckpointStore {

    private static final String COLUMNS =
            "checkpoint_no, step, journal_sequence, program_hash, format_version, created_at_millis, body_bytes, "
                    + "chunk_count, meta_crc";

    private final DataSource dataSource;
    private final int chunkSize;
    private final Journals<DatabaseJournal> journals;

    /**
     * @param dataSource      the manager's database, migrated to V4 or later
     * @param journalMaxBytes the most bytes one pipeline's journal may hold
     */
    public DatabaseCheckpointStore(DataSource dataSource, long journalMaxBytes) {
        this(dataSource, journalMaxBytes, Chunks.DEFAULT_SIZE);
    }

    DatabaseCheckpointStore(DataSource dataSource, long journalMaxBytes, int chunkSize) {
        if (journalMaxBytes < 1 || chunkSize < 1) {
            throw new IllegalArgumentException("journal maximum and chunk size must be positive");
        }
        this.dataSource = dataSource;
        this.chunkSize = chunkSize;
        this.journals = new Journals<>(pipeline -> DatabaseJournal.open(dataSource, pipeline, journalMaxBytes));
    }

    @Override
    public String kind() {
        return "database";
    }

    /** A stored checkpoint row. */
    private record Row(long number, CheckpointInfo info, int chunks, int metaCrc) {
    }

    @Override
    public CheckpointInfo write(PipelineId pipeline, CheckpointInfo info, Body body) throws IOException {
        String what = "Cannot store a checkpoint of pipeline " + pipeline;
        long[] number = new long[1];
        CheckpointInfo stored = Jdbc.transaction(dataSource, what, true, connection -> {
            number[0] = nextNumber(connection, pipeline);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pipeline_checkpoint (pipeline_id, "
                    + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0)")) {
                insert.setObject(1, pipeline.value());
                insert.setLong(2, number[0]);
                insert.setLong(3, info.step());
                insert.setLong(4, info.journalSequence());
                insert.setString(5, info.programHash());
                insert.setInt(6, info.formatVersion());
                insert.setLong(7, info.createdAtMillis());
                insert.executeUpdate();
            }
            Chunks.Writer chunks;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pipeline_checkpoint_chunk "
                    + "(pipeline_id, checkpoint_no, chunk_no, chunk_data, crc) VALUES (?, ?, ?, ?, ?)")) {
                chunks = new Chunks.Writer(chunkSize, (index, data, length, crc) -> {
                    try {
                        insert.setObject(1, pipeline.value());
                        insert.setLong(2, number[0]);
                        insert.setInt(3, index);
                        insert.setBytes(4, Arrays.copyOf(data, length));
                        insert.setInt(5, crc);
                        insert.executeUpdate();
                    } catch (SQLException e) {
                        throw Jdbc.failure(what, e);
                    }
                });
                body.writeTo(chunks);
                chunks.finish();
            }
            CheckpointInfo sized = info.withBytes(chunks.bytes());
            try (PreparedStatement update = connection.prepareStatement("UPDATE pipeline_checkpoint SET body_bytes = ?, "
                    + "chunk_count = ?, meta_crc = ? WHERE pipeline_id = ? AND checkpoint_no = ?")) {
                update.setLong(1, sized.bytes());
                update.setInt(2, chunks.chunks());
                update.setInt(3, metaCrc(number[0], sized, chunks.chunks()));
                update.setObject(4, pipeline.value());
                update.setLong(5, number[0]);
                update.executeUpdate();
            }
            return sized;
        });
        Jdbc.transaction(dataSource, "Cannot delete older checkpoints of pipeline " + pipeline, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM pipeline_checkpoint WHERE pipeline_id = ? AND checkpoint_no < ?")) {
                delete.setObject(1, pipeline.value());
                delete.setLong(2, number[0]);
                return delete.executeUpdate();
            }
        });
        return stored;
    }

    private static long nextNumber(Connection connection, PipelineId pipeline) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COALESCE(MAX(checkpoint_no), 0) FROM pipeline_checkpoint WHERE pipeline_id = ?")) {
            select.setObject(1, pipeline.value());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1) + 1;
            }
        }
    }

    @Override
    public Optional<CheckpointInfo> latest(PipelineId pipeline) throws IOException {
        return newest(pipeline, null).map(Row::info);
    }

    /** The newest verified row of the pipeline, or the newest one whose metadata is {@code wanted}. */
    private Optional<Row> newest(PipelineId pipeline, CheckpointInfo wanted) throws IOException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                     + " FROM pipeline_checkpoint WHERE pipeline_id = ? ORDER BY checkpoint_no DESC")) {
            select.setObject(1, pipeline.value());
            select.setMaxRows(wanted == null ? 1 : 0);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long number = rs.getLong(1);
                    CheckpointInfo info = new CheckpointInfo(rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                            rs.getLong(6), rs.getLong(7));
                    Row row = new Row(number, info, rs.getInt(8), rs.getInt(9));
                    if (wanted != null && !wanted.equals(info)) {
                        continue;
                    }
                    if (row.metaCrc() != metaCrc(number, info, row.chunks()) || row.chunks() < 0) {
                        throw new CorruptStateException("checkpoint " + number + " of pipeline " + pipeline
                                + ": its metadata fails its checksum");
                    }
                    return Optional.of(row);
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("Cannot read the checkpoints of pipeline " + pipeline, e);
        }
    }

    @Override
    public InputStream open(PipelineId pipeline, CheckpointInfo info) throws IOException {
        Row row = newest(pipeline, info).orElseThrow(() -> new NoSuchFileException("pipeline_checkpoint", null,
                "no stored checkpoint of pipeline " + pipeline + " has step " + info.step() + " and journal sequence "
                        + info.journalSequence() + " (a newer one replaced it?)"));
        String what = "checkpoint " + row.number() + " of pipeline " + pipeline;
        Chunks.Source source = index -> readChunk(pipeline, row.number(), index, what);
        return new Chunks.Reader(source, what, info.bytes(), row.chunks(), null);
    }

    private Chunks.Chunk readChunk(PipelineId pipeline, long number, int index, String what) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement("SELECT chunk_data, crc FROM pipeline_checkpoint_chunk "
                    + "WHERE pipeline_id = ? AND checkpoint_no = ? AND chunk_no = ?")) {
                select.setObject(1, pipeline.value());
                select.setLong(2, number);
                select.setInt(3, index);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        byte[] data = rs.getBytes(1);
                        return new Chunks.Chunk(data, data.length, rs.getInt(2));
                    }
                }
            }
            try (PreparedStatement exists = connection.prepareStatement(
                    "SELECT 1 FROM pipeline_checkpoint WHERE pipeline_id = ? AND checkpoint_no = ?")) {
                exists.setObject(1, pipeline.value());
                exists.setLong(2, number);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchFileException("pipeline_checkpoint", null, what + " was removed while being read");
                    }
                }
            }
            return null;
        } catch (SQLException e) {
            throw Jdbc.failure("Cannot read " + what, e);
        }
    }

    @Override
    public Journal journal(PipelineId pipeline) throws IOException {
        return journals.get(pipeline);
    }

    @Override
    public void clear(PipelineId pipeline) throws IOException {
        journals.remove(pipeline);
        Jdbc.transaction(dataSource, "Cannot clear the stored state of pipeline " + pipeline, connection -> {
            for (String table : new String[] {"pipeline_checkpoint", "pipeline_journal", "pipeline_journal_floor"}) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + table + " WHERE pipeline_id = ?")) {
                    delete.setObject(1, pipeline.value());
                    delete.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void close() {
        journals.closeAll();
    }

    private static int metaCrc(long number, CheckpointInfo info, int chunks) throws IOException {
        byte[] meta = DirectoryCheckpointStore.encodeMeta(info);
        byte[] all = Arrays.copyOf(meta, meta.length + 12);
        java.nio.ByteBuffer.wrap(all, meta.length, 12).putLong(info.bytes()).putInt(chunks);
        return Crc.of(number, all);
    }
}
