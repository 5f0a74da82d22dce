/**
 * Data-plane formats: how ingress request bodies become engine Z-sets and how view changes and
 * snapshots are written out. {@link io.pipelinemanager.core.internal.io.RelationShape} describes the
 * columns of a table or view (names matched case-insensitively, engine {@code SqlType}s with
 * nullability); {@link io.pipelinemanager.core.api.DataFormat} names the wire formats. Parsing
 * lives in {@code .ingress}, encoding in {@code .egress}; neither depends on the runner or REST layer.
 */
package io.pipelinemanager.core.internal.io;
