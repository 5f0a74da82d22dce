package io.pipelinemanager.war.rest;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.war.RestApplication;
import io.pipelinemanager.war.security.CallerSecurityContext;
import io.pipelinemanager.war.dto.PipelineCreateRequest;
import io.pipelinemanager.war.dto.PipelinePatchRequest;
import io.pipelinemanager.war.dto.PipelineResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.function.BiFunction;

/**
 * {@code /api/pipelines}: create, list, read, update and delete pipelines, and their lifecycle
 * requests {@code start|pause|shutdown}, which record the desired status and answer 202 at once, and
 * {@code clear}, which drops a stopped pipeline's stored state;
 * clients poll {@code GET /api/pipelines/{id}} for the actual status. The data plane of a running
 * pipeline is in {@link PipelineDataResource}.
 */
@Path("/pipelines")
@RequestScoped
@Tag(name = "pipelines")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineResource {

    @Inject
    PipelineManager manager;

    /** The request's security context: its principal is the caller the authentication filter decided. */
    @Context
    SecurityContext security;

    @Context
    UriInfo uriInfo;

    /** For the container, which injects the fields. */
    public PipelineResource() {
    }

    /** Wired by hand, outside CDI (the embedded server). */
    public PipelineResource(PipelineManager manager) {
        this.manager = manager;
    }

    /** Lists the tenant's pipelines. */
    @GET
    @Operation(operationId = "listPipelines", summary = "List pipelines, ordered by name")
    @APIResponse(responseCode = "200", description = "The pipelines",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PipelineResponse.class)))
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public List<PipelineResponse> list() {
        return manager.listPipelines(caller()).stream().map(PipelineResponse::of).toList();
    }

    /** Creates a stopped pipeline. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createPipeline", summary = "Create a stopped pipeline for an existing program")
    @APIResponse(responseCode = "201", description = "Created; Location names the new pipeline",
            content = @Content(schema = @Schema(implementation = PipelineResponse.class)))
    @APIResponse(responseCode = "400", ref = RestApplication.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownProgram")
    @APIResponse(responseCode = "409", ref = RestApplication.CONFLICT, description = "DuplicateName")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public Response create(@NotNull(message = "a JSON body is required") PipelineCreateRequest body) {
        PipelineResponse created = PipelineResponse.of(manager.createPipeline(caller(), body.toSpec()));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    /** Reads one pipeline. */
    @GET
    @Path("{id}")
    @Operation(operationId = "getPipeline", summary = "Get a pipeline by id or name")
    @APIResponse(responseCode = "200", description = "The pipeline",
            content = @Content(schema = @Schema(implementation = PipelineResponse.class)))
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownPipeline")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public PipelineResponse get(@Parameter(description = "Pipeline id (UUID) or name") @PathParam("id") String id) {
        return PipelineResponse.of(manager.getPipeline(caller(), id));
    }

    /** Updates a stopped pipeline partially. */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updatePipeline", summary = "Update a fully stopped pipeline; bumps its version")
    @APIResponse(responseCode = "200", description = "The updated pipeline",
            content = @Content(schema = @Schema(implementation = PipelineResponse.class)))
    @APIResponse(responseCode = "400", ref = RestApplication.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownPipeline or UnknownProgram")
    @APIResponse(responseCode = "409", ref = RestApplication.CONFLICT,
            description = "DuplicateName, OutdatedVersion or UpdateRestrictedToStopped")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public PipelineResponse update(@Parameter(description = "Pipeline id (UUID) or name") @PathParam("id") String id,
                                   @NotNull(message = "a JSON body is required") PipelinePatchRequest body) {
        return PipelineResponse.of(manager.updatePipeline(caller(), id, body.toUpdate()));
    }

    /** Deletes a fully stopped pipeline. */
    @DELETE
    @Path("{id}")
    @Operation(operationId = "deletePipeline", summary = "Delete a fully stopped pipeline and its stored state")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownPipeline")
    @APIResponse(responseCode = "409", ref = RestApplication.CONFLICT, description = "UpdateRestrictedToStopped")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public void delete(@Parameter(description = "Pipeline id (UUID) or name") @PathParam("id") String id) {
        manager.deletePipeline(caller(), id);
    }

    /** Asks the pipeline to run. */
    @POST
    @Path("{id}/start")
    @Operation(operationId = "startPipeline", summary = "Ask the pipeline to run (desired status RUNNING)")
    @APIResponse(responseCode = "202", description = "Accepted; the pipeline with its new desired status",
            content = @Content(schema = @Schema(implementation = PipelineResponse.class)))
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownPipeline")
    @APIResponse(responseCode = "409", ref = RestApplication.CONFLICT, description = "IllegalTransition, or CapacityExceeded when pm.runner.max-pipelines pipelines are already active")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public Response start(@Parameter(description = "Pipeline id (UUID) or name") @PathParam("id") String id) {
        return accepted(id, manager::startPipeline);
    }

    /** Asks the pipeline to pause. */
    @POST
    @Path("{id}/pause")
    @Operation(operationId = "pausePipeline", summary = "Ask the pipeline to pause, or to start paused (desired status PAUSED)")
    @APIResponse(responseCode = "202", description = "Accepted; the pipeline with its new desired status",
            content = @Content(schema = @Schema(implementation = PipelineResponse.class)))
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownPipeline")
    @APIResponse(responseCode = "409", ref = RestApplication.CONFLICT, description = "IllegalTransition, or CapacityExceeded when pm.runner.max-pipelines pipelines are already active")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public Response pause(@Parameter(description = "Pipeline id (UUID) or name") @PathParam("id") String id) {
        return accepted(id, manager::pausePipeline);
    }

    /** Asks the pipeline to shut down. */
    @POST
    @Path("{id}/shutdown")
    @Operation(operationId = "shutdownPipeline", summary = "Ask the pipeline to shut down (desired status STOPPED); always allowed")
    @APIResponse(responseCode = "202", description = "Accepted; the pipeline with its new desired status",
            content = @Content(schema = @Schema(implementation = PipelineResponse.class)))
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownPipeline")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public Response shutdown(@Parameter(description = "Pipeline id (UUID) or name") @PathParam("id") String id) {
        return accepted(id, manager::shutdownPipeline);
    }

    /** Drops a stopped pipeline's stored state. */
    @POST
    @Path("{id}/clear")
    @Operation(operationId = "clearPipelineState", summary = "Drop a stopped pipeline's stored state (checkpoints and "
            + "input journal)", description = "On purpose and for good: the next start begins with empty tables at step "
            + "0. The way out of CheckpointIncompatible (the program changed since the checkpoint) and CorruptState. "
            + "Only while the pipeline is fully stopped (409 UpdateRestrictedToStopped otherwise); a pipeline without "
            + "stored state is no error. Deleting a pipeline drops its stored state too.")
    @APIResponse(responseCode = "200", description = "Cleared; the pipeline",
            content = @Content(schema = @Schema(implementation = PipelineResponse.class)))
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownPipeline")
    @APIResponse(responseCode = "409", ref = RestApplication.CONFLICT, description = "UpdateRestrictedToStopped")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE, description = "StorageUnavailable or DatabaseUnavailable")
    public PipelineResponse clear(@Parameter(description = "Pipeline id (UUID) or name") @PathParam("id") String id) {
        return PipelineResponse.of(manager.clearPipelineState(caller(), id));
    }

    private Response accepted(String id, BiFunction<Caller, String, Pipeline> request) {
        return Response.accepted(PipelineResponse.of(request.apply(caller(), id))).build();
    }

    private Caller caller() {
        return CallerSecurityContext.callerOf(security);
    }
}
