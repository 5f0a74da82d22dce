package io.pipelinemanager.war;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import io.pipelinemanager.war.dto.ErrorBody;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The REST API's root: every resource lives under {@code /api}; providers are discovered by scanning. */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info = @Info(title = "Pipeline Manager API", version = "0.1.0",
                description = "Submit SQL programs and run them as incremental pipelines. "
                        + "Every error has the body {\"error_code\", \"message\", \"details\"}, including the "
                        + "protocol errors any path can answer: NotFound (404, no resource at the path), "
                        + "MethodNotAllowed (405, with an Allow header), NotAcceptable (406) and "
                        + "UnsupportedMediaType (415).",
                license = @License(name = "Apache-2.0", identifier = "Apache-2.0")),
        tags = {
                @Tag(name = "programs", description = "SQL programs and their compilation status"),
                @Tag(name = "pipelines", description = "Pipelines running a program, their lifecycle and data plane "
                        + "(ingress, egress, snapshot queries, statistics)"),
                @Tag(name = "operations", description = "Health and metrics")
        },
        components = @Components(responses = {
                @APIResponse(name = RestApplication.BAD_REQUEST, responseCode = "400",
                        description = "InvalidRequest (malformed JSON, missing or mistyped field), InvalidName, "
                                + "InvalidDescription, InvalidConfig, ParseError or InvalidQuery, as listed by the operation",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                @APIResponse(name = RestApplication.NOT_FOUND, responseCode = "404",
                        description = "UnknownProgram, UnknownPipeline, UnknownTable or UnknownView, as listed by the operation; "
                                + "NotFound when no resource has the path",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                @APIResponse(name = RestApplication.CONFLICT, responseCode = "409",
                        description = "DuplicateName, OutdatedVersion, UpdateRestrictedToStopped, ProgramInUse, "
                                + "IllegalTransition, PipelineNotRunning or CapacityExceeded, as listed by the operation",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                @APIResponse(name = RestApplication.NOT_ACCEPTABLE, responseCode = "406",
                        description = "NotAcceptable: none of the media types in the Accept header can be produced",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                @APIResponse(name = RestApplication.UNSUPPORTED_MEDIA_TYPE, responseCode = "415",
                        description = "UnsupportedMediaType: the Content-Type is missing or not one the operation reads",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                @APIResponse(name = RestApplication.TOO_LARGE, responseCode = "413",
                        description = "CodeTooLarge (the program code exceeds 1 MiB of UTF-8) or RequestTooLarge (an "
                                + "ingress body is longer than pm.ingress.max-request-bytes, 64 MiB by default; nothing "
                                + "was applied), as listed by the operation",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                @APIResponse(name = RestApplication.UNPROCESSABLE, responseCode = "422",
                        description = "QueryLimitExceeded: the query's answer has more than pm.query.max-rows rows, or "
                                + "computing it would build more than pm.query.max-state-bytes of intermediate state "
                                + "(details.limit: max_rows or max_state_bytes)",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                @APIResponse(name = RestApplication.TOO_MANY, responseCode = "429",
                        description = "BackPressure: the pipeline's input buffer is full (max_buffered_records, or "
                                + "pm.ingress.max-buffered-bytes of estimated memory shared by requests being parsed and "
                                + "waiting; nothing was applied), or the pipeline or server already serves its maximum of "
                                + "egress streams; retry later",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                @APIResponse(name = RestApplication.INTERNAL, responseCode = "500",
                        description = "InternalError; the details are only in the server log",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                @APIResponse(name = RestApplication.UNAVAILABLE, responseCode = "503",
                        description = "DatabaseUnavailable: the database cannot be reached; retry after the seconds "
                                + "given in Retry-After",
                        headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                                schema = @Schema(type = SchemaType.INTEGER)),
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
        }))
public class RestApplication extends Application {

    /** Name of the shared 400 response in the OpenAPI components. */
    public static final String BAD_REQUEST = "BadRequest";
    /** Name of the shared 404 response. */
    public static final String NOT_FOUND = "NotFound";
    /** Name of the shared 409 response. */
    public static final String CONFLICT = "Conflict";
    /** Name of the shared 406 response. */
    public static final String NOT_ACCEPTABLE = "NotAcceptable";
    /** Name of the shared 415 response. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    /** Name of the shared 413 response. */
    public static final String TOO_LARGE = "TooLarge";
    /** Name of the shared 422 response. */
    public static final String UNPROCESSABLE = "Unprocessable";
    /** Name of the shared 429 response. */
    public static final String TOO_MANY = "TooManyRequests";
    /** Name of the shared 500 response. */
    public static final String INTERNAL = "InternalError";
    /** Name of the shared 503 response. */
    public static final String UNAVAILABLE = "Unavailable";
}
