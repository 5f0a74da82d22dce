package io.pipelinemanager.war.rest;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.war.RestApplication;
import io.pipelinemanager.war.dto.ApiKeyCreateRequest;
import io.pipelinemanager.war.dto.ApiKeyCreatedResponse;
import io.pipelinemanager.war.dto.ApiKeyResponse;
import io.pipelinemanager.war.security.CallerSecurityContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * {@code /api/api_keys}: the tenant's API keys (administrators). A key's secret is answered once, by
 * the create call, with {@code Cache-Control: no-store}; afterwards only its name, prefix, role and times.
 */
@Path("/api_keys")
@RequestScoped
@Tag(name = "security")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    @Inject
    PipelineManager manager;

    @Context
    SecurityContext security;

    @Context
    UriInfo uriInfo;

    /** For the container, which injects the fields. */
    public ApiKeyResource() {
    }

    /** Wired by hand, outside CDI (the embedded server). */
    public ApiKeyResource(PipelineManager manager) {
        this.manager = manager;
    }

    /** Creates a key and answers its secret, this once. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createApiKey", summary = "Create an API key; the answer holds its secret, shown only this once")
    @APIResponse(responseCode = "201", description = "Created; Location names the key. Never cached (Cache-Control: no-store)",
            headers = @Header(name = "Cache-Control", description = "no-store", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ApiKeyCreatedResponse.class)))
    @APIResponse(responseCode = "400", ref = RestApplication.BAD_REQUEST,
            description = "InvalidRequest (missing or unknown role, expires_at not a future ISO-8601 time) or InvalidName")
    @APIResponse(responseCode = "409", ref = RestApplication.CONFLICT, description = "DuplicateName (also a revoked key's name)")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public Response create(@NotNull(message = "a JSON body is required") ApiKeyCreateRequest body) {
        ApiKeyCreatedResponse created = ApiKeyCreatedResponse.of(
                manager.createApiKey(CallerSecurityContext.callerOf(security), body.toSpec()));
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setNoTransform(false);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.apiKey().name()).build())
                .cacheControl(noStore).header("Pragma", "no-cache").entity(created).build();
    }

    /** Lists the tenant's keys, revoked and expired ones included. */
    @GET
    @Operation(operationId = "listApiKeys", summary = "List the tenant's API keys, ordered by name (no secrets)")
    @APIResponse(responseCode = "200", description = "The keys",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ApiKeyResponse.class)))
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public List<ApiKeyResponse> list() {
        return manager.listApiKeys(CallerSecurityContext.callerOf(security)).stream().map(ApiKeyResponse::of).toList();
    }

    /** Reads one key. */
    @GET
    @Path("{name}")
    @Operation(operationId = "getApiKey", summary = "Get an API key by name (no secret)")
    @APIResponse(responseCode = "200", description = "The key",
            content = @Content(schema = @Schema(implementation = ApiKeyResponse.class)))
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownApiKey")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public ApiKeyResponse get(@Parameter(description = "The key's name") @PathParam("name") String name) {
        return ApiKeyResponse.of(manager.getApiKey(CallerSecurityContext.callerOf(security), name));
    }

    /** Revokes a key: it stops working at once, on every instance. */
    @DELETE
    @Path("{name}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key: it stops working at once, on every instance; "
            + "its name stays taken")
    @APIResponse(responseCode = "200", description = "The revoked key (revoking it again changes nothing)",
            content = @Content(schema = @Schema(implementation = ApiKeyResponse.class)))
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownApiKey")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public ApiKeyResponse revoke(@Parameter(description = "The key's name") @PathParam("name") String name) {
        return ApiKeyResponse.of(manager.revokeApiKey(CallerSecurityContext.callerOf(security), name));
    }
}
