/**
 * Tests that try to lose acknowledged input, and what durability costs. The packaged jar runs as child JVMs
 * ({@link io.pipelinemanager.embedded.durability.ManagerProcess}), killed with {@code kill -9} while clients push
 * inserts and deletes ({@link io.pipelinemanager.embedded.durability.CrashWorkload}); after each restart or takeover
 * the pipeline's contents are compared with a recompute of exactly the acknowledged input
 * ({@link io.pipelinemanager.embedded.durability.Ledger}). {@code CrashRecoveryIT} restarts one manager (H2 with the
 * directory store, PostgreSQL with the database store), {@code TakeoverIT} moves the pipeline between two managers
 * on one PostgreSQL database; {@link io.pipelinemanager.embedded.durability.DurabilityMeasurements} measures
 * journal overhead, checkpoint pause and size, and recovery time.
 */
package io.pipelinemanager.embedded.durability;
