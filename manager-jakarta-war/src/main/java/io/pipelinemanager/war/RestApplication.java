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
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The REST API's root: every resource lives under {@code /api}; providers are discovered by scanning. */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info = @Info(title = "Pipeline Manager API", version = "0.1.0",
                description = "Submit SQL programs and run them as incremental pipelines. "
                        + "Every error has the body {\"error_code\", \"message\", \"details\"}, including the "
                        + "protocol errors any path can answer: NotFound (404, no resource at the path), "
                        + "MethodNotAllowed (405, with an Allow header), NotAcceptable (406) and "
                        + "UnsupportedMediaType (415). "
                        + "Authentication (pm.auth.mode): none (every call is the default tenant's admin), apikey "
                        + "(Authorization: Bearer pm_<lookup-id>_<secret>) or jwt (Authorization: Bearer <JWT> of the "
                        + "configured OpenID Connect provider; API keys too). With authentication, every operation but "
                        + "health answers Unauthenticated (401, WWW-Authenticate) without valid credentials, and "
                        + "Forbidden (403) when the caller's role is below the operation's x-required-role "
                        + "(viewer < editor < admin). Another tenant's objects answer 404 like missing ones.",
                license = @License(name = "Apache-2.0", identifier = "Apache-2.0")),
        tags = {
                @Tag(name = "programs", description = "SQL programs and their compilation status"),
                @Tag(name = "pipelines", description = "Pipelines running a program, their lifecycle and data plane "
                        + "(ingress, egress, snapshot queries, statistics)"),
                @Tag(name = "operations", description = "Health and metrics"),
                @Tag(name = "security", description = "Who the caller is, API keys and the audit log")
        },
        security = {@SecurityRequirement(name = RestApplication.API_KEY_SCHEME),
                @SecurityRequirement(name = RestApplication.JWT_SCHEME)},
        components = @Components(securitySchemes = {
                @SecurityScheme(securitySchemeName = RestApplication.API_KEY_SCHEME, type = SecuritySchemeType.HTTP,
                        scheme = "bearer", bearerFormat = "pm_<lookup-id>_<secret>",
                        description = "An API key of the manager (pm.auth.mode apikey or jwt), created with "
                                + "POST /api/api_keys; it grants its role in its tenant"),
                @SecurityScheme(securitySchemeName = RestApplication.JWT_SCHEME, type = SecuritySchemeType.HTTP,
                        scheme = "bearer", bearerFormat = "JWT",
                        description = "A JWT of the configured OpenID Connect provider (pm.auth.mode jwt), verified by the "
                                + "manager against the provider's keys (pm.auth.jwt.jwks-url: signature, expiry, "
                                + "pm.auth.jwt.issuer, pm.auth.jwt.audiences); the tenant is its pm.auth.jwt.tenant-claim "
                                + "claim, the roles its groups mapped by pm.auth.jwt.roles.*")
        }, responses = {
                @APIResponse(name = RestApplication.UNAUTHENTICATED, responseCode = "401",
                        description = "Unauthenticated: no credentials, a malformed Authorization header, or an unknown, "
                                + "revoked or expired API key or an invalid JWT (details.reason: missing_credentials, "
                                + "invalid_request or invalid_token); every refusal is audited",
                        headers = @Header(name = "WWW-Authenticate", description = "Bearer realm=\"pipeline-manager\" "
                                + "with error=\"invalid_request\" or error=\"invalid_token\" when credentials were sent (RFC 6750)",
                                schema = @Schema(type = SchemaType.STRING)),
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                @APIResponse(name = RestApplication.FORBIDDEN, responseCode = "403",
                        description = "Forbidden: the caller's role is below the operation's x-required-role, or a "
                                + "state-changing request without an Authorization header comes from a browser page of an "
                                + "origin not in pm.http.cors.allowed-origins (details.reason cross_origin)",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                @APIResponse(name = RestApplication.BAD_REQUEST, responseCode = "400",
                        description = "InvalidRequest (malformed JSON, missing or mistyped field), InvalidName, "
                                + "InvalidDescription, InvalidConfig, ParseError or InvalidQuery, as listed by the operation",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                @APIResponse(name = RestApplication.NOT_FOUND, responseCode = "404",
                        description = "UnknownProgram, UnknownPipeline, UnknownTable, UnknownView or UnknownApiKey, as listed "
                                + "by the operation (also for another tenant's objects); "
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
                        description = "UnsupportedMediaType: the Content-Type is missing or not one the operation reads, "
                                + "or it is text/plain, application/x-www-form-urlencoded or multipart/form-data on a "
                                + "state-changing request without an Authorization header (browsers send those "
                                + "cross-site unasked; details.reason simple_content_type)",
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

    /** Name of the API key security scheme. */
    public static final String API_KEY_SCHEME = "api_key";
    /** Name of the JWT security scheme. */
    public static final String JWT_SCHEME = "jwt";
    /** Name of the shared 401 response. */
    public static final String UNAUTHENTICATED = "Unauthenticated";
    /** Name of the shared 403 response. */
    public static final String FORBIDDEN = "Forbidden";
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
