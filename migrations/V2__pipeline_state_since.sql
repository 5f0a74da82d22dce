-- Pipeline Manager schema, version 2: when a pipeline's current in-memory state began.
-- state_since is set when a pipeline becomes RUNNING or PAUSED from INITIALIZING (a new, empty state),
-- kept while it moves between RUNNING and PAUSED, and null in every other status. After a restart or a
-- takeover the pipeline is provisioned again, so state_since tells clients the state is younger than
-- the data they sent before. Portable between PostgreSQL 15 and H2 2.x (see V1).

ALTER TABLE pipeline ADD COLUMN state_since TIMESTAMP WITH TIME ZONE;
