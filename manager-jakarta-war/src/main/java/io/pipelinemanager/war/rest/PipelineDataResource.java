package io.pipelinemanager.war.rest;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.QueryOutput;
import io.pipelinemanager.core.api.RejectedBatch;
import io.pipelinemanager.war.RestApplication;
import io.pipelinemanager.war.security.CallerSecurityContext;
import io.pipelinemanager.war.dto.ErrorBody;
import io.pipelinemanager.war.dto.IngressResponse;
import io.pipelinemanager.war.dto.Params;
import io.pipelinemanager.war.dto.PipelineStatsResponse;
import io.pipelinemanager.war.dto.RejectedBatchResponse;
import io.pipelinemanager.war.security.BrowserRequests;
import io.pipelinemanager.war.security.CorsPolicy;
import io.pipelinemanager.war.security.ResponseHeadersFilter;
import io.pipelinemanager.war.stream.EgressWriters;
import io.pipelinemanager.war.stream.WireFormat;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * The data plane of a pipeline running or paused in this instance, under {@code /api/pipelines/{id}}:
 * {@code ingress/{table}} (streamed bodies), {@code egress/{view}} (chunked NDJSON), {@code query},
 * {@code stats}, {@code checkpoint} and {@code rejected} (rejected batches). Errors raised before a body is written
 * are ordinary JSON error responses.
 */
@Path("/pipelines")
@RequestScoped
@Tag(name = "pipelines")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineDataResource {

    @Inject
    PipelineManager manager;

    /** The request's security context: its principal is the caller the authentication filter decided. */
    @Context
    SecurityContext security;

    @Inject
    EgressWriters egressWriters;

    @Inject
    CorsPolicy cors;

    /** For the container, which injects the fields. */
    public PipelineDataResource() {
    }

    /** Wired by hand, outside CDI (the embedded server). */
    public PipelineDataResource(PipelineManager manager, EgressWriters egressWriters, CorsPolicy cors) {
        this.manager = manager;
        this.cors = cors;
        this.egressWriters = egressWriters;
    }

    /** Statistics of a running or paused pipeline. */
    @GET
    @Path("{id}/stats")
    @Operation(operationId = "pipelineStats", summary = "Runtime statistics of a running or paused pipeline")
    @APIResponse(responseCode = "200", description = "The statistics",
            content = @Content(schema = @Schema(implementation = PipelineStatsResponse.class)))
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownPipeline")
    @APIResponse(responseCode = "409", ref = RestApplication.CONFLICT, description = "PipelineNotRunning")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public PipelineStatsResponse stats(@Parameter(description = "Pipeline id (UUID) or name") @PathParam("id") String id) {
        return PipelineStatsResponse.of(manager.pipelineStats(caller(), id));
    }

    /** Asks a running or paused pipeline to write a checkpoint. */
    @POST
    @Path("{id}/checkpoint")
    @Operation(operationId = "checkpointPipeline", summary = "Ask a running or paused pipeline to write a checkpoint now",
            description = "The checkpoint is captured between two steps (steps pause for the capture only; ingress "
                    + "goes on) and written in the background; GET .../stats reports it (checkpoint.last_checkpoint_step, "
                    + "..._at, ..._bytes, ..._millis, ..._pause_micros) once it is stored. In exactly_once mode it also "
                    + "truncates the input journal. Refused with 400 InvalidConfig when the pipeline's fault_tolerance is none.")
    @APIResponse(responseCode = "202", description = "Accepted; the checkpoint is written at the next step boundary")
    @APIResponse(responseCode = "400", ref = RestApplication.BAD_REQUEST, description = "InvalidConfig: fault_tolerance none")
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownPipeline")
    @APIResponse(responseCode = "409", ref = RestApplication.CONFLICT, description = "PipelineNotRunning")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public Response checkpoint(@Parameter(description = "Pipeline id (UUID) or name") @PathParam("id") String id) {
        manager.checkpointPipeline(caller(), id);
        return Response.accepted().build();
    }

    /** Pushes a streamed body of changes into a table. */
    @POST
    @Path("{id}/ingress/{table}")
    @Consumes({MediaType.APPLICATION_JSON, WireFormat.NDJSON, MediaType.TEXT_PLAIN, WireFormat.TEXT_CSV})
    @Operation(operationId = "ingress", summary = "Push inserts and deletes into a table; all records or none",
            description = "json: {\"insert\": {...}} / {\"delete\": {...}} records, or plain row objects as inserts, "
                    + "one per line or in JSON arrays. csv: RFC 4180 rows in column order, no header, all inserts; "
                    + "an unquoted empty field is NULL. Without format, text/csv bodies are csv and others json. "
                    + "The body is parsed as it streams and checked completely before anything is applied; "
                    + "the changes take effect with the pipeline's next step. A body longer than "
                    + "pm.ingress.max-request-bytes (64 MiB by default) is refused with 413 RequestTooLarge; when the "
                    + "pipeline's input (requests being parsed and waiting for a step) would pass max_buffered_records "
                    + "or pm.ingress.max-buffered-bytes of estimated memory, with 429 BackPressure. A refused or "
                    + "interrupted request keeps nothing.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = WireFormat.NDJSON, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = WireFormat.TEXT_CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "200", description = "Every record was accepted and buffered",
            content = @Content(schema = @Schema(implementation = IngressResponse.class)))
    @APIResponse(responseCode = "400", ref = RestApplication.BAD_REQUEST,
            description = "ParseError (details: record, column, reason; nothing applied) or InvalidRequest (unknown format)")
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownPipeline or UnknownTable")
    @APIResponse(responseCode = "409", ref = RestApplication.CONFLICT, description = "PipelineNotRunning")
    @APIResponse(responseCode = "413", ref = RestApplication.TOO_LARGE, description = "RequestTooLarge")
    @APIResponse(responseCode = "429", ref = RestApplication.TOO_MANY)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public IngressResponse ingress(@Parameter(description = "Pipeline id (UUID) or name") @PathParam("id") String id,
                                   @Parameter(description = "Table name (case-insensitive)") @PathParam("table") String table,
                                   @Parameter(description = "json or csv; default from the Content-Type (text/csv: csv, else json)",
                                           schema = @Schema(enumeration = {"json", "csv"})) @QueryParam("format") String format,
                                   @Context HttpHeaders headers, InputStream body) {
        DataFormat wire = WireFormat.ingress(format, headers.getMediaType());
        try {
            return IngressResponse.of(manager.ingress(caller(), id, table, wire, body));
        } catch (IOException e) {
            throw new ManagerException(ErrorCode.InvalidRequest, "The request body could not be read: " + e.getMessage(),
                    Map.of("table", table));
        }
    }

    /**
     * Streams a view's changes as NDJSON until the pipeline stops or the client goes away. The request
     * is suspended and the body written by the shared egress writers, so an open stream holds no
     * request thread; errors before the stream starts are ordinary JSON error responses.
     */
    @GET
    @Path("{id}/egress/{view}")
    @Produces(WireFormat.NDJSON)
    @Operation(operationId = "egress", summary = "Stream a view's changes as newline-delimited JSON (chunked)",
            description = "One line per step that changed the view: {\"step\": n, \"changes\": [{\"insert\": {...}}, "
                    + "{\"delete\": {...}}]}; with snapshot=true (materialized views) a first line "
                    + "{\"step\": n, \"snapshot\": true, \"changes\": [...]} holds the current contents. While the "
                    + "view is idle, a keep-alive line {\"keepalive\": true} is sent every few seconds "
                    + "(pm.egress.keepalive-ms, default 5000); clients ignore it. The body ends when the pipeline "
                    + "stops; if the stream ends abnormally its last line is an error object {\"error_code\", "
                    + "\"message\", \"details\"}: RuntimeError and others (the pipeline failed), BackPressure (this "
                    + "subscriber fell too far behind, pm.egress.queue-steps / pm.egress.queue-bytes) or ShuttingDown "
                    + "(the server is shutting down; the pipeline was not shut down). Open streams are limited per "
                    + "pipeline and per server (429 BackPressure beyond).")
    @APIResponse(responseCode = "200", description = "The change stream, one JSON object per line",
            content = @Content(mediaType = WireFormat.NDJSON, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND,
            description = "UnknownPipeline or UnknownView (also for snapshot=true on a view that is not materialized)")
    @APIResponse(responseCode = "400", ref = RestApplication.BAD_REQUEST,
            description = "InvalidRequest: after_step is not a whole number, is ahead of the pipeline, or comes with snapshot=true")
    @APIResponse(responseCode = "409", ref = RestApplication.CONFLICT, description = "PipelineNotRunning")
    @APIResponse(responseCode = "410", description = "StepsNotRetained: the changes after after_step are no longer all "
            + "held; subscribe with snapshot=true instead",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "429", ref = RestApplication.TOO_MANY,
            description = "BackPressure: the pipeline or this server already serves its maximum of egress streams")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public void egress(@Parameter(description = "Pipeline id (UUID) or name") @PathParam("id") String id,
                       @Parameter(description = "View name (case-insensitive)") @PathParam("view") String view,
                       @Parameter(description = "Start with the current contents (materialized views only)")
                       @QueryParam("snapshot") @DefaultValue("false") boolean snapshot,
                       @Parameter(description = "Resume after this step, the last one the client saw: the stream starts "
                               + "with the changes of every later step (no gap, no duplicate, also across a restart of an "
                               + "exactly_once pipeline), or 410 StepsNotRetained when they are no longer all held (the "
                               + "last 1024 steps; after a restart, those replayed since the checkpoint). Not with snapshot")
                       @QueryParam("after_step") String afterStep,
                       @Suspended AsyncResponse suspended, @Context HttpServletRequest request,
                       @Context HttpServletResponse response) {
        ChangeStream stream;
        try {
            Long after = Params.wholeNumber("after_step", afterStep);
            if (after != null && snapshot) {
                throw Params.invalid("after_step", "after_step and snapshot=true exclude each other");
            }
            stream = after == null ? manager.subscribe(caller(), id, view, snapshot)
                    : manager.subscribeAfter(caller(), id, view, after);
        } catch (RuntimeException e) {
            suspended.resume(e);
            return;
        }
        try {
            // The stream is written outside JAX-RS: its response filters' headers are set here.
            ResponseHeadersFilter.apply(response::setHeader, true);
            Object requestId = request.getAttribute(ResponseHeadersFilter.REQUEST_ID_PROPERTY);
            if (requestId != null) {
                response.setHeader(ResponseHeadersFilter.REQUEST_ID_HEADER, requestId.toString());
            }
            BrowserRequests.actual(request.getHeader("Origin"), cors).forEach(response::setHeader);
            // The JAX-RS runtime put the request in asynchronous mode when it suspended it.
            AsyncContext async = request.isAsyncStarted() ? request.getAsyncContext() : request.startAsync();
            egressWriters.serve(stream, async, response, "pipeline " + id + " view " + view);
        } catch (IOException | RuntimeException e) {
            stream.close();
            suspended.resume(e);
        }
    }

    /** Runs a snapshot query over the tables and materialized views. */
    @GET
    @Path("{id}/query")
    @Produces({WireFormat.NDJSON, WireFormat.TEXT_CSV, MediaType.TEXT_PLAIN})
    @Operation(operationId = "query", summary = "Run a read-only SELECT over the current tables and materialized views",
            description = "format=json (default): one JSON object per row and line (application/x-ndjson); "
                    + "format=csv: RFC 4180 with a header line (text/csv); format=text: the same CSV as text/plain. "
                    + "Rows follow the query's ORDER BY. The query is planned, evaluated and checked against its "
                    + "limits (pm.query.max-rows rows, pm.query.max-state-bytes of intermediate state) before the "
                    + "response starts, so every error is an error response; then the rows are streamed. Should the "
                    + "body fail after rows were sent, its last line is an error: in json an object "
                    + "{\"error_code\", \"message\", \"details\"}, in csv and text a line "
                    + "\"# error: <error_code>: <message>\".")
    @APIResponse(responseCode = "200", description = "The rows", content = {
            @Content(mediaType = WireFormat.NDJSON, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = WireFormat.TEXT_CSV, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", ref = RestApplication.BAD_REQUEST,
            description = "InvalidQuery (bad SQL, or it reads a view that is not materialized) or InvalidRequest (unknown format)")
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownPipeline")
    @APIResponse(responseCode = "409", ref = RestApplication.CONFLICT, description = "PipelineNotRunning")
    @APIResponse(responseCode = "422", ref = RestApplication.UNPROCESSABLE, description = "QueryLimitExceeded")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public Response query(@Parameter(description = "Pipeline id (UUID) or name") @PathParam("id") String id,
                          @Parameter(description = "A SELECT statement", required = true) @QueryParam("sql") String sql,
                          @Parameter(description = "json (default), csv or text", schema = @Schema(enumeration = {"json", "csv", "text"}))
                          @QueryParam("format") String format) {
        WireFormat wire = WireFormat.query(format);
        // Every error of the query is thrown here, before the response starts; the rows are then streamed.
        QueryOutput answer = manager.prepareQuery(caller(), id, sql, wire.core());
        StreamingOutput rows = out -> {
            answer.writeTo(out);
            out.flush();
        };
        return Response.ok(rows, wire.mediaType() + ";charset=utf-8").build();
    }

    /** The rejected batches the pipeline keeps. */
    @GET
    @Path("{id}/rejected")
    @Operation(operationId = "listRejectedBatches", summary = "The rejected batches a running or paused pipeline keeps",
            description = "Ingress requests whose records made a step fail at run time (division by zero, overflow, "
                    + "failed cast, ...) with on_runtime_error = reject_batch: each was set aside with its error and "
                    + "nothing of it was applied, while the step's other requests were. Oldest first; the newest 100 "
                    + "(and at most 32 MiB of records) are kept, the stats count all of them.")
    @APIResponse(responseCode = "200", description = "The kept rejected batches, oldest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RejectedBatchResponse.class)))
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND, description = "UnknownPipeline")
    @APIResponse(responseCode = "409", ref = RestApplication.CONFLICT, description = "PipelineNotRunning")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public List<RejectedBatchResponse> listRejected(
            @Parameter(description = "Pipeline id (UUID) or name") @PathParam("id") String id) {
        return manager.listRejectedBatches(caller(), id).stream().map(RejectedBatchResponse::of).toList();
    }

    /** The records of one rejected batch, in the ingress JSON format. */
    @GET
    @Path("{id}/rejected/{number}")
    @Produces(WireFormat.NDJSON)
    @Operation(operationId = "getRejectedBatch", summary = "The records of a rejected batch as newline-delimited JSON",
            description = "One {\"insert\": {...}} or {\"delete\": {...}} line per record of the rejected request, "
                    + "the ingress JSON format: fix the records and POST them to ingress/{table} again (the table is "
                    + "the batch's table in the list). The batch's description is in the response headers "
                    + "X-Rejected-Table, X-Rejected-Error-Code and X-Rejected-Records.")
    @APIResponse(responseCode = "200", description = "The records, one JSON object per line",
            content = @Content(mediaType = WireFormat.NDJSON, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND,
            description = "UnknownPipeline or UnknownRejectedBatch (never rejected, or dropped as the oldest)")
    @APIResponse(responseCode = "409", ref = RestApplication.CONFLICT, description = "PipelineNotRunning")
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public Response getRejected(@Parameter(description = "Pipeline id (UUID) or name") @PathParam("id") String id,
                                @Parameter(description = "The batch's number", schema = @Schema(type = SchemaType.INTEGER,
                                        format = "int64")) @PathParam("number") String number)
            throws IOException {
        long n;
        try {
            n = Long.parseLong(number);
        } catch (NumberFormatException e) {
            n = 0; // numbers start at 1: the pipeline is checked first, then the batch is unknown
        }
        // Kept batches are bounded (32 MiB of records at most): written to memory first, so every error is an
        // error response.
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        RejectedBatch batch = manager.writeRejectedBatch(caller(), id, n, records);
        return Response.ok(records.toByteArray(), WireFormat.NDJSON + ";charset=utf-8")
                .header("X-Rejected-Table", batch.table())
                .header("X-Rejected-Error-Code", batch.errorCode())
                .header("X-Rejected-Records", batch.records())
                .build();
    }

    private Caller caller() {
        return CallerSecurityContext.callerOf(security);
    }
}
