package io.pipelinemanager.war.security;

import io.pipelinemanager.core.api.Operation;
import io.pipelinemanager.core.api.Role;

import java.util.Map;
import java.util.Optional;

/**
 * Which of the core's {@link Operation}s each REST operation performs (by OpenAPI {@code operationId}),
 * so the OpenAPI document states the role the core requires for it ({@code x-required-role}). The core
 * decides; this table only documents, and a test keeps it complete. {@code health} needs no credentials,
 * {@code metrics} (the whole server's meters, no facade operation) the default tenant's
 * {@link #METRICS_ROLE}.
 */
public final class ApiOperations {

    /** {@code x-required-role} of an operation that needs no credentials. */
    public static final String PUBLIC = "none";
    /** {@code x-required-role} of an operation any authenticated caller may use, whatever its roles. */
    public static final String ANY_ROLE = "authenticated";
    /** The role {@code GET /api/metrics} needs, in the default tenant. */
    public static final Role METRICS_ROLE = Role.VIEWER;

    private static final Map<String, Operation> PERFORMS = Map.ofEntries(
            Map.entry("me", Operation.ME),
            Map.entry("listPrograms", Operation.PROGRAM_LIST),
            Map.entry("getProgram", Operation.PROGRAM_GET),
            Map.entry("createProgram", Operation.PROGRAM_CREATE),
            Map.entry("updateProgram", Operation.PROGRAM_UPDATE),
            Map.entry("deleteProgram", Operation.PROGRAM_DELETE),
            Map.entry("validateProgram", Operation.PROGRAM_VALIDATE),
            Map.entry("listPipelines", Operation.PIPELINE_LIST),
            Map.entry("getPipeline", Operation.PIPELINE_GET),
            Map.entry("createPipeline", Operation.PIPELINE_CREATE),
            Map.entry("updatePipeline", Operation.PIPELINE_UPDATE),
            Map.entry("deletePipeline", Operation.PIPELINE_DELETE),
            Map.entry("startPipeline", Operation.PIPELINE_START),
            Map.entry("pausePipeline", Operation.PIPELINE_PAUSE),
            Map.entry("shutdownPipeline", Operation.PIPELINE_SHUTDOWN),
            Map.entry("checkpointPipeline", Operation.PIPELINE_CHECKPOINT),
            Map.entry("clearPipelineState", Operation.PIPELINE_CLEAR),
            Map.entry("pipelineStats", Operation.PIPELINE_STATS),
            Map.entry("ingress", Operation.PIPELINE_INGRESS),
            Map.entry("egress", Operation.PIPELINE_SUBSCRIBE),
            Map.entry("query", Operation.PIPELINE_QUERY),
            Map.entry("listRejectedBatches", Operation.PIPELINE_REJECTED_LIST),
            Map.entry("getRejectedBatch", Operation.PIPELINE_REJECTED_GET),
            Map.entry("createApiKey", Operation.API_KEY_CREATE),
            Map.entry("listApiKeys", Operation.API_KEY_LIST),
            Map.entry("getApiKey", Operation.API_KEY_GET),
            Map.entry("revokeApiKey", Operation.API_KEY_REVOKE),
            Map.entry("listAuditEvents", Operation.AUDIT_LIST));

    /** REST operations that perform no facade operation, with their {@code x-required-role}. */
    private static final Map<String, String> OWN = Map.of("health", PUBLIC, "metrics", METRICS_ROLE.wireName());

    private ApiOperations() {
    }

    /** The core operation {@code operationId} performs, if it performs one. */
    public static Optional<Operation> performs(String operationId) {
        return Optional.ofNullable(PERFORMS.get(operationId));
    }

    /**
     * The {@code x-required-role} of {@code operationId}: {@code viewer}, {@code editor}, {@code admin},
     * {@link #ANY_ROLE} or {@link #PUBLIC}.
     *
     * @throws IllegalStateException for an operation missing from the table (so the OpenAPI document is not served)
     */
    public static String requiredRole(String operationId) {
        Operation operation = PERFORMS.get(operationId);
        if (operation != null) {
            return operation.requiredRole() == null ? ANY_ROLE : operation.requiredRole().wireName();
        }
        String own = OWN.get(operationId);
        if (own == null) {
            throw new IllegalStateException("REST operation " + operationId + " has no entry in ApiOperations");
        }
        return own;
    }

    /** Every REST operation in the table. */
    public static java.util.Set<String> operationIds() {
        java.util.Set<String> ids = new java.util.HashSet<>(PERFORMS.keySet());
        ids.addAll(OWN.keySet());
        return ids;
    }
}
