package io.pipelinemanager.core.internal.engine.operator;

/** Join flavours; SEMI and ANTI output only the left row. */
public enum JoinType {
    INNER, LEFT, RIGHT, FULL, SEMI, ANTI
}
