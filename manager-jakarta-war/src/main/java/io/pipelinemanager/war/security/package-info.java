/**
 * Authentication and the browser-facing defences of the REST API, in JAX-RS terms only (request and
 * response filters), so that any JAX-RS runtime serving the resources applies them: the WAR on
 * WildFly or Open Liberty and an embedded server alike.
 *
 * <ul>
 *   <li>{@link io.pipelinemanager.war.security.AuthenticationFilter} turns the request into the core's
 *       {@code Caller} ({@code pm.auth.mode}: {@code none}, {@code apikey}, {@code jwt}) and puts it in the
 *       JAX-RS {@code SecurityContext} ({@link io.pipelinemanager.war.security.CallerSecurityContext});
 *       missing or bad credentials answer 401 {@code Unauthenticated} with a {@code WWW-Authenticate}
 *       challenge. Whether the caller may do an operation is decided by the core, never here.</li>
 *   <li>JWTs are verified by the server (MicroProfile JWT) or the embedding host and reach the filter
 *       through one seam, {@link io.pipelinemanager.war.security.JwtVerifier}; the claims become a caller
 *       through the core's {@code SecuritySettings.jwtCaller}.</li>
 *   <li>{@link io.pipelinemanager.war.security.BrowserRequests}: state-changing requests that a web page
 *       of another site could send without the browser asking first are refused unless the caller
 *       authenticated by an {@code Authorization} header; CORS is off unless origins are listed.</li>
 *   <li>{@link io.pipelinemanager.war.security.ResponseHeadersFilter}: a request id and the security
 *       headers on every response.</li>
 * </ul>
 */
package io.pipelinemanager.war.security;
