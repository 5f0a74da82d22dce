package io.pipelinemanager.war.rest;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.Program;
import io.pipelinemanager.war.RestApplication;
import io.pipelinemanager.war.security.CallerSecurityContext;
import io.pipelinemanager.war.dto.ProgramCreateRequest;
import io.pipelinemanager.war.dto.ProgramPatchRequest;
import io.pipelinemanager.war.dto.ProgramResponse;
import io.pipelinemanager.war.dto.ProgramValidateRequest;
import io.pipelinemanager.war.dto.ProgramValidationResponse;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

import java.util.List;

/** {@code /api/programs}: create, list, read, update and delete SQL programs. */
@Path("/programs")
@RequestScoped
@Tag(name = "programs")
@Produces(MediaType.APPLICATION_JSON)
public class ProgramResource {

    @Inject
    PipelineManager manager;

    /** The request's security context: its principal is the caller the authentication filter decided. */
    @Context
    SecurityContext security;

    @Context
    UriInfo uriInfo;

    /** For the container, which injects the fields. */
    public ProgramResource() {
    }

    /** Wired by hand, outside CDI (the embedded server). */
    public ProgramResource(PipelineManager manager) {
        this.manager = manager;
    }

    /** Lists the tenant's programs. */
    @GET
    @Operation(operationId = "listPrograms", summary = "List programs, ordered by name")
    @APIResponse(responseCode = "200", description = "The programs",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ProgramResponse.class)))
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public List<ProgramResponse> list() {
        return manager.listPrograms(caller()).stream().map(ProgramResponse::of).toList();
    }

    /** Creates a program. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createProgram", summary = "Create a program; it waits to be compiled (PENDING)")
    @APIResponse(responseCode = "201", description = "Created; Location names the new program",
            content = @Content(schema = @Schema(implementation = ProgramResponse.class)))
    @APIResponse(responseCode = "400", ref = RestApplication.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = RestApplication.CONFLICT, description = "DuplicateName")
    @APIResponse(responseCode = "413", ref = RestApplication.TOO_LARGE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public Response create(@NotNull(message = "a JSON body is required") ProgramCreateRequest body) {
        ProgramResponse created = withPosition(manager.createProgram(caller(), body.toSpec()));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    /** Reads one program. */
    @GET
    @Path("{id}")
    @Operation(operationId = "getProgram", summary = "Get a program by id or name")
    @APIResponse(responseCode = "200", description = "The program",
            content = @Content(schema = @Schema(implementation = ProgramResponse.class)))
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownProgram")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public ProgramResponse get(@Parameter(description = "Program id (UUID) or name") @PathParam("id") String id) {
        return withPosition(manager.getProgram(caller(), id));
    }

    /** Updates a program partially. */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateProgram",
            summary = "Update name, description or code; a code change bumps the version and recompiles")
    @APIResponse(responseCode = "200", description = "The updated program",
            content = @Content(schema = @Schema(implementation = ProgramResponse.class)))
    @APIResponse(responseCode = "400", ref = RestApplication.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownProgram")
    @APIResponse(responseCode = "409", ref = RestApplication.CONFLICT, description = "DuplicateName or OutdatedVersion")
    @APIResponse(responseCode = "413", ref = RestApplication.TOO_LARGE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public ProgramResponse update(@Parameter(description = "Program id (UUID) or name") @PathParam("id") String id,
                                  @NotNull(message = "a JSON body is required") ProgramPatchRequest body) {
        return withPosition(manager.updateProgram(caller(), id, body.toUpdate()));
    }

    /** Compiles SQL without storing anything. */
    @POST
    @Path("validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "validateProgram",
            summary = "Compile SQL synchronously without storing it: the status, diagnostics and schema a program would get")
    @APIResponse(responseCode = "200", description = "The compilation outcome (SQL errors are a SQL_ERROR status, not an HTTP error)",
            content = @Content(schema = @Schema(implementation = ProgramValidationResponse.class)))
    @APIResponse(responseCode = "400", ref = RestApplication.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = RestApplication.TOO_LARGE)
    @APIResponse(responseCode = "429", ref = RestApplication.TOO_MANY, description = "BackPressure: the compile pool's queue is full")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    public ProgramValidationResponse validate(@NotNull(message = "a JSON body is required") ProgramValidateRequest body) {
        return ProgramValidationResponse.of(manager.validateProgram(caller(), body.code()));
    }

    /** Deletes a program no pipeline uses. */
    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteProgram", summary = "Delete a program that no pipeline uses")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownProgram")
    @APIResponse(responseCode = "409", ref = RestApplication.CONFLICT, description = "ProgramInUse")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public void delete(@Parameter(description = "Program id (UUID) or name") @PathParam("id") String id) {
        manager.deleteProgram(caller(), id);
    }

    private ProgramResponse withPosition(Program program) {
        return ProgramResponse.of(program,
                manager.compilationQueuePosition(caller(), program.id().value().toString()));
    }

    private Caller caller() {
        return CallerSecurityContext.callerOf(security);
    }
}
