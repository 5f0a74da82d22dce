-- Pipeline Manager schema, version 4: durable pipeline state (issue 10) for pm.checkpoint.store=database.
-- Portable between PostgreSQL 15 and H2 2.x in PostgreSQL mode (see V1): BYTEA is PostgreSQL's binary type
-- and an H2 alias of VARBINARY. Checksums are CRC32C as signed 32-bit integers. Every row belongs to a
-- pipeline and goes with it (ON DELETE CASCADE): deleting a pipeline deletes its checkpoints and journal.

-- One row per checkpoint. A checkpoint is written in one transaction (this row, its chunks, then the row's
-- size and checksum), so it is visible complete or not at all; the highest checkpoint_no is the newest,
-- older ones are deleted once a newer one is committed. meta_crc covers every column but the keys.
CREATE TABLE pipeline_checkpoint (
    pipeline_id        UUID         NOT NULL,
    checkpoint_no      BIGINT       NOT NULL,
    step               BIGINT       NOT NULL,
    journal_sequence   BIGINT       NOT NULL,
    program_hash       VARCHAR(128) NOT NULL,
    format_version     INTEGER      NOT NULL,
    created_at_millis  BIGINT       NOT NULL,
    body_bytes         BIGINT       NOT NULL,
    chunk_count        INTEGER      NOT NULL,
    meta_crc           INTEGER      NOT NULL,
    CONSTRAINT pipeline_checkpoint_pk PRIMARY KEY (pipeline_id, checkpoint_no),
    CONSTRAINT pipeline_checkpoint_pipeline_fk FOREIGN KEY (pipeline_id) REFERENCES pipeline (id) ON DELETE CASCADE
);

-- A checkpoint's body in chunks of up to 1 MiB; crc covers the chunk's number and bytes.
CREATE TABLE pipeline_checkpoint_chunk (
    pipeline_id    UUID     NOT NULL,
    checkpoint_no  BIGINT   NOT NULL,
    chunk_no       INTEGER  NOT NULL,
    chunk_data     BYTEA    NOT NULL,
    crc            INTEGER  NOT NULL,
    CONSTRAINT pipeline_checkpoint_chunk_pk PRIMARY KEY (pipeline_id, checkpoint_no, chunk_no),
    CONSTRAINT pipeline_checkpoint_chunk_checkpoint_fk FOREIGN KEY (pipeline_id, checkpoint_no)
        REFERENCES pipeline_checkpoint (pipeline_id, checkpoint_no) ON DELETE CASCADE
);

-- The input journal: one row per record, committed before the append returns; crc covers seq_no and payload.
CREATE TABLE pipeline_journal (
    pipeline_id  UUID     NOT NULL,
    seq_no       BIGINT   NOT NULL,
    payload      BYTEA    NOT NULL,
    crc          INTEGER  NOT NULL,
    CONSTRAINT pipeline_journal_pk PRIMARY KEY (pipeline_id, seq_no),
    CONSTRAINT pipeline_journal_pipeline_fk FOREIGN KEY (pipeline_id) REFERENCES pipeline (id) ON DELETE CASCADE
);

-- The highest sequence a truncation dropped, so that sequences go on from there after a restart even when
-- the journal is empty.
CREATE TABLE pipeline_journal_floor (
    pipeline_id        UUID    NOT NULL,
    truncated_through  BIGINT  NOT NULL,
    CONSTRAINT pipeline_journal_floor_pk PRIMARY KEY (pipeline_id),
    CONSTRAINT pipeline_journal_floor_pipeline_fk FOREIGN KEY (pipeline_id) REFERENCES pipeline (id) ON DELETE CASCADE
);
