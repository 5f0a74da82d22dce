package io.pipelinemanager.core.api;

import java.util.Locale;

/**
 * What a caller may do inside its tenant. Roles are ordered: each includes everything the ones
 * before it may do. The operation each role needs is {@link Operation#requiredRole()}.
 */
public enum Role {
    /** Reads programs and pipelines, statistics, egress streams and snapshot queries. */
    VIEWER,
    /** A viewer who may also create, update and delete, change lifecycle, push ingress and validate SQL. */
    EDITOR,
    /** An editor who may also manage API keys and read the audit log. */
    ADMIN;

    /** Whether a caller holding this role may do what {@code required} allows. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    /** The role's name as written in configuration, API keys and the REST API ({@code viewer}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role with that wire name (any case), or {@code null} when there is none. */
    public static Role fromWireName(String name) {
        if (name == null) {
            return null;
        }
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(name.trim())) {
                return role;
            }
        }
        return null;
    }
}
