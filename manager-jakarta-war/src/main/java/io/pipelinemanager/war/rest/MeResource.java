package io.pipelinemanager.war.rest;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.war.RestApplication;
import io.pipelinemanager.war.dto.MeResponse;
import io.pipelinemanager.war.security.CallerSecurityContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/me}: who the server takes the caller for. */
@Path("/me")
@RequestScoped
@Tag(name = "security")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    PipelineManager manager;

    @Context
    SecurityContext security;

    /** For the container, which injects the fields. */
    public MeResource() {
    }

    /** Wired by hand, outside CDI (the embedded server). */
    public MeResource(PipelineManager manager) {
        this.manager = manager;
    }

    /** The caller as authenticated: tenant, principal, roles and how. */
    @GET
    @Operation(operationId = "me", summary = "Who the server takes the caller for: tenant, principal, roles and "
            + "authentication method", description = "Any authenticated caller may ask, also one without roles.")
    @APIResponse(responseCode = "200", description = "The caller",
            content = @Content(schema = @Schema(implementation = MeResponse.class)))
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public MeResponse me() {
        return MeResponse.of(manager.me(CallerSecurityContext.callerOf(security)));
    }
}
