package io.pipelinemanager.war.security;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import jakarta.ws.rs.core.MediaType;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Defences against requests a web page of another site makes a browser send (cross-site request
 * forgery), and the CORS answers for the origins an operator allowed ({@code pm.http.cors.allowed-origins}).
 *
 * <p>A browser sends a "simple" cross-site request without asking the server first: {@code GET}, or a
 * {@code POST} whose body is {@code text/plain}, {@code application/x-www-form-urlencoded} or
 * {@code multipart/form-data} (or has no body). A request with an {@code Authorization} header is never
 * simple, and a page cannot set that header on another site without the server's CORS consent. So a
 * state-changing request ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) whose caller did not
 * authenticate by that header — every request when {@code pm.auth.mode=none} — is refused when
 * <ul>
 *   <li>it comes from a page of an origin not allowed ({@code Origin} header; browsers send it with every
 *       such request): 403 {@code Forbidden};</li>
 *   <li>its body has one of the simple content types: 415 {@code UnsupportedMediaType} (ingress takes JSON,
 *       NDJSON and CSV as {@code application/json}, {@code application/x-ndjson} and {@code text/csv};
 *       {@code text/plain} only with an {@code Authorization} header).</li>
 * </ul>
 */
public final class BrowserRequests {

    /** Methods that change state. */
    static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** The content types a browser sends cross-site without a preflight. */
    static final Set<String> SIMPLE_CONTENT_TYPES = Set.of("text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data");
    /** Methods a preflight may ask for. */
    public static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
    /** Request headers a cross-origin page may send. */
    public static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept";
    /** Response headers a cross-origin page may read. */
    public static final String EXPOSED_HEADERS = "Location, Retry-After, WWW-Authenticate, "
            + ResponseHeadersFilter.REQUEST_ID_HEADER;
    /** Seconds a browser may cache a preflight answer. */
    public static final String PREFLIGHT_MAX_AGE = "600";

    private BrowserRequests() {
    }

    /**
     * Refuses a request a browser could have sent on another site's behalf; does nothing for reads,
     * for callers authenticated by an {@code Authorization} header and for allowed origins' JSON requests.
     *
     * @param method              the HTTP method
     * @param contentType         the body's media type, or {@code null}
     * @param origin              the {@code Origin} header, or {@code null}
     * @param headerAuthenticated whether the caller authenticated by an {@code Authorization} header
     * @param cors                the allowed origins
     */
    public static void check(String method, MediaType contentType, String origin, boolean headerAuthenticated,
                             CorsPolicy cors) {
        if (headerAuthenticated || !STATE_CHANGING.contains(method.toUpperCase(Locale.ROOT))) {
            return;
        }
        if (origin != null && !cors.allows(origin)) {
            throw new ManagerException(ErrorCode.Forbidden, "A page of another origin may not change anything "
                    + "without an Authorization header (origin not in pm.http.cors.allowed-origins)",
                    Map.of("reason", "cross_origin", "origin", origin));
        }
        if (contentType != null && isSimple(contentType)) {
            Map<String, Object> details = new HashMap<>();
            details.put("reason", "simple_content_type");
            details.put("content_type", contentType.getType() + "/" + contentType.getSubtype());
            throw new ManagerException(ErrorCode.UnsupportedMediaType, "A " + details.get("content_type")
                    + " body is accepted only from a caller that authenticates with an Authorization header "
                    + "(browsers send such bodies cross-site unasked); use application/json, application/x-ndjson "
                    + "or text/csv", details);
        }
    }

    /** Whether a browser sends this content type cross-site without a preflight. */
    static boolean isSimple(MediaType type) {
        return SIMPLE_CONTENT_TYPES.contains((type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT));
    }

    /**
     * The headers answering a CORS preflight from {@code origin}, or {@code null} when the origin is not
     * allowed (the preflight is then refused and the browser does not send the request).
     */
    public static Map<String, String> preflight(String origin, CorsPolicy cors) {
        if (!cors.allows(origin)) {
            return null;
        }
        return Map.of("Access-Control-Allow-Origin", origin,
                "Access-Control-Allow-Methods", ALLOWED_METHODS,
                "Access-Control-Allow-Headers", ALLOWED_HEADERS,
                "Access-Control-Max-Age", PREFLIGHT_MAX_AGE,
                "Vary", "Origin");
    }

    /** The CORS headers of an actual response to {@code origin} (empty when it is not allowed or absent). */
    public static Map<String, String> actual(String origin, CorsPolicy cors) {
        if (origin == null || !cors.allows(origin)) {
            return Map.of();
        }
        return Map.of("Access-Control-Allow-Origin", origin, "Access-Control-Expose-Headers", EXPOSED_HEADERS,
                "Vary", "Origin");
    }

    /** Whether a request is a CORS preflight: {@code OPTIONS} with {@code Origin} and the method it asks for. */
    public static boolean isPreflight(String method, String origin, List<String> requestMethod) {
        return "OPTIONS".equalsIgnoreCase(method) && origin != null && requestMethod != null && !requestMethod.isEmpty();
    }
}
