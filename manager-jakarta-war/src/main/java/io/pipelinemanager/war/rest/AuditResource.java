package io.pipelinemanager.war.rest;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.AuditOutcome;
import io.pipelinemanager.core.api.AuditQuery;
import io.pipelinemanager.core.api.TargetKind;
import io.pipelinemanager.war.RestApplication;
import io.pipelinemanager.war.dto.AuditPageResponse;
import io.pipelinemanager.war.dto.Params;
import io.pipelinemanager.war.security.CallerSecurityContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;

/** {@code /api/audit}: the tenant's audit log, newest first, filtered and paged by cursor (administrators). */
@Path("/audit")
@RequestScoped
@Tag(name = "security")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    PipelineManager manager;

    @Context
    SecurityContext security;

    /** For the container, which injects the fields. */
    public AuditResource() {
    }

    /** Wired by hand, outside CDI (the embedded server). */
    public AuditResource(PipelineManager manager) {
        this.manager = manager;
    }

    /** One page of audit events. */
    @GET
    @Operation(operationId = "listAuditEvents", summary = "The tenant's audit log, newest first",
            description = "Every mutating call and every refused authentication or authorization, one event each. "
                    + "Filters combine with AND and compare exactly; pass next_cursor of a page as cursor for the next, "
                    + "older page. Events are kept for pm.audit.retention (90 days by default).")
    @APIResponse(responseCode = "200", description = "One page of events",
            content = @Content(schema = @Schema(implementation = AuditPageResponse.class)))
    @APIResponse(responseCode = "400", ref = RestApplication.BAD_REQUEST,
            description = "InvalidRequest: a malformed time, limit, outcome or cursor")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public AuditPageResponse list(
            @Parameter(description = "Earliest time, inclusive (ISO-8601 with offset, e.g. 2026-11-30T00:00:00Z)",
                    schema = @Schema(format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "Latest time, exclusive (ISO-8601 with offset)", schema = @Schema(format = "date-time"))
            @QueryParam("to") String to,
            @Parameter(description = "Only this principal, e.g. api-key:ci") @QueryParam("principal") String principal,
            @Parameter(description = "Only this action, e.g. pipeline.create or authenticate") @QueryParam("action") String action,
            @Parameter(description = "Only objects of this kind",
                    schema = @Schema(enumeration = {"program", "pipeline", "api_key", "audit_log", "tenant", "caller"}))
            @QueryParam("target_kind") String targetKind,
            @Parameter(description = "Only the object with this name") @QueryParam("target_name") String targetName,
            @Parameter(description = "Only this outcome", schema = @Schema(enumeration = {"success", "denied", "failure"}))
            @QueryParam("outcome") String outcome,
            @Parameter(description = "Most events on the page, 1 to 1000 (default 100)") @QueryParam("limit") String limit,
            @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor") String cursor) {
        AuditOutcome parsedOutcome = AuditOutcome.fromWireName(Params.text("outcome", outcome));
        if (outcome != null && parsedOutcome == null) {
            throw Params.invalid("outcome", "outcome must be success, denied or failure");
        }
        String kind = Params.text("target_kind", targetKind);
        if (kind != null && Arrays.stream(TargetKind.values()).noneMatch(k -> k.wireName().equals(kind))) {
            throw Params.invalid("target_kind", "target_kind must be one of program, pipeline, api_key, audit_log, "
                    + "tenant or caller");
        }
        AuditQuery query = new AuditQuery(Params.instant("from", from), Params.instant("to", to),
                Params.text("principal", principal), Params.text("action", action), kind,
                Params.text("target_name", targetName), parsedOutcome, Params.integer("limit", limit),
                Params.text("cursor", cursor));
        return AuditPageResponse.of(manager.listAuditEvents(CallerSecurityContext.callerOf(security), query));
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
