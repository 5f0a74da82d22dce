package io.pipelinemanager.war.error;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.war.dto.ErrorBody;
import io.pipelinemanager.war.observe.ApiMetrics;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Error bodies: details for clients, nothing internal on 5xx, a count per code; wrapped causes unwrapped. */
class ErrorResponsesTest {

    private final ErrorResponses responses = new ErrorResponses();

    ErrorResponsesTest() {
        responses.metrics = new ApiMetrics();
    }

    @Test
    void clientErrorsKeepMessageAndDetails() {
        ErrorBody body = responses.body(new ManagerException(ErrorCode.OutdatedVersion, "at version 2, not 1",
                Map.of("current_version", 2L)));
        assertThat(body.errorCode()).isEqualTo("OutdatedVersion");
        assertThat(body.message()).isEqualTo("at version 2, not 1");
        assertThat(body.details()).containsEntry("current_version", 2L);
    }

    @Test
    void serverErrorsHideTheirCause() {
        ManagerException internal = UnexpectedExceptionMapper.translate(
                new IllegalStateException("secret table xyz", new SQLException("pw=hunter2")));
        assertThat(internal.code()).isEqualTo(ErrorCode.InternalError);
        ErrorBody body = responses.body(internal);
        assertThat(body.message()).doesNotContain("secret", "hunter2", "Exception");
        assertThat(body.details()).isEmpty();

        ErrorBody unavailable = responses.body(new ManagerException(ErrorCode.DatabaseUnavailable,
                "jdbc:postgresql://db/x refused", Map.of("url", "jdbc:postgresql://db/x")));
        assertThat(unavailable.message()).doesNotContain("jdbc");
        assertThat(unavailable.details()).isEmpty();
    }

    /** The JAX-RS mapper translates {@code WebApplicationException}s by their status the same way (see the ITs). */
    @Test
    void errorPagesAndProtocolErrorsAreTheErrorBodyOfTheirStatus() {
        assertThat(ErrorPageServlet.forStatus(404).code()).isEqualTo(ErrorCode.NotFound);
        assertThat(ErrorPageServlet.forStatus(405).code()).isEqualTo(ErrorCode.MethodNotAllowed);
        assertThat(ErrorPageServlet.forStatus(400).code()).isEqualTo(ErrorCode.InvalidRequest);
        assertThat(ErrorPageServlet.forStatus(413).code()).isEqualTo(ErrorCode.InvalidRequest);
        assertThat(ErrorPageServlet.forStatus(500).code()).isEqualTo(ErrorCode.InternalError);
        assertThat(ErrorPageServlet.forStatus(406).code()).isEqualTo(ErrorCode.NotAcceptable);
        assertThat(ErrorPageServlet.forStatus(415).code()).isEqualTo(ErrorCode.UnsupportedMediaType);
        assertThat(ErrorPageServlet.forStatus(0).code()).isEqualTo(ErrorCode.NotFound);
        for (int status : new int[] {0, 400, 404, 405, 406, 411, 415, 500, 503}) {
            ManagerException e = ErrorPageServlet.forStatus(status);
            assertThat(e.code().httpStatus()).isEqualTo(status == 0 || status == 404 ? 404
                    : status == 411 ? 400 : status >= 500 ? 500 : status);
            assertThat(responses.body(e).message()).doesNotContain("Exception", "jakarta", "java.");
        }
    }

    @Test
    void unwrapsManagerExceptionsAndCountsByCode() {
        ManagerException cause = new ManagerException(ErrorCode.UnknownPipeline, "No pipeline 'x'");
        assertThat(UnexpectedExceptionMapper.translate(new RuntimeException(cause))).isSameAs(cause);
        responses.body(cause);
        assertThat(responses.metrics.scrape())
                .contains("pm_api_errors_total{error_code=\"UnknownPipeline\",status=\"404\"} 1.0");
    }

    @Test
    void databaseUnavailableIs503WithRetryAfterAndOtherErrorsHaveNone() {
        Response unavailable = responses.of(new ManagerException(ErrorCode.DatabaseUnavailable, "refused", Map.of()));
        assertThat(unavailable.getStatus()).isEqualTo(503);
        assertThat(unavailable.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(((ErrorBody) unavailable.getEntity()).errorCode()).isEqualTo("DatabaseUnavailable");

        Response internal = responses.of(new ManagerException(ErrorCode.InternalError, "boom", Map.of()));
        assertThat(internal.getStatus()).isEqualTo(500);
        assertThat(internal.getHeaderString(HttpHeaders.RETRY_AFTER)).isNull();
        Response conflict = responses.of(new ManagerException(ErrorCode.OutdatedVersion, "at version 2", Map.of()));
        assertThat(conflict.getHeaderString(HttpHeaders.RETRY_AFTER)).isNull();
    }
}
