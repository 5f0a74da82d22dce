/**
 * Turns failures into the API's one error body {@code {"error_code", "message", "details"}}: the
 * core's {@code ManagerException} with its code's HTTP status, bean-validation failures as
 * {@code InvalidRequest}, JAX-RS's own protocol errors as {@code NotFound}, {@code MethodNotAllowed},
 * {@code NotAcceptable} and {@code UnsupportedMediaType}, the servlet container's own errors (paths
 * outside {@code /api}) through {@code ErrorPageServlet}, and anything unexpected as an
 * {@code InternalError} that hides its cause. Client errors are logged at info, server errors at
 * error, and every error is counted by code.
 */
package io.pipelinemanager.war.error;
