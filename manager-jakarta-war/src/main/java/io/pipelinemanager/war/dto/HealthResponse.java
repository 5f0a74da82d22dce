package io.pipelinemanager.war.dto;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** The answer of {@code GET /api/health}: overall status and each check's result. */
@Schema(name = "Health")
public record HealthResponse(@Schema(enumeration = {"UP", "DOWN"}) String status, List<Check> checks) {

    /** One check's result. */
    @Schema(name = "HealthCheck")
    public record Check(String name, @Schema(enumeration = {"UP", "DOWN"}) String status, Map<String, Object> data) {
    }

    /** Summarises check responses: UP only when all are UP. */
    public static HealthResponse of(List<HealthCheckResponse> responses) {
        List<Check> checks = responses.stream()
                .map(r -> new Check(r.getName(), r.getStatus().name(), r.getData().orElse(Map.of())))
                .toList();
        boolean up = checks.stream().allMatch(c -> c.status().equals("UP"));
        return new HealthResponse(up ? "UP" : "DOWN", checks);
    }

    /** Whether every check is UP. */
    @JsonIgnore
    @Schema(hidden = true)
    public boolean isUp() {
        return status.equals("UP");
    }
}
