package io.pipelinemanager.war.security;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cross-site request forgery defences and CORS answers, without a server. */
class BrowserRequestsTest {

    private static final CorsPolicy CORS_OFF = CorsPolicy.OFF;
    private static final CorsPolicy ONE_ORIGIN = CorsPolicy.of("https://app.example.com");

    @Test
    void simpleBodiesOfStateChangingRequestsNeedAnAuthorizationHeader() {
        for (String type : List.of("text/plain", "text/plain;charset=utf-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "TEXT/PLAIN")) {
            for (String method : List.of("POST", "PUT", "PATCH", "DELETE", "post")) {
                assertThatThrownBy(() -> BrowserRequests.check(method, MediaType.valueOf(type), null, false, CORS_OFF))
                        .as(method + " " + type).isInstanceOfSatisfying(ManagerException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.UnsupportedMediaType);
                            assertThat(e.details()).containsEntry("reason", "simple_content_type");
                        });
                assertThatCode(() -> BrowserRequests.check(method, MediaType.valueOf(type), null, true, CORS_OFF))
                        .as("with Authorization: " + method + " " + type).doesNotThrowAnyException();
            }
            assertThatCode(() -> BrowserRequests.check("GET", MediaType.valueOf(type), null, false, CORS_OFF))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void theBodiesTheApiReadsPassWithoutAuthorization() {
        for (String type : List.of("application/json", "application/x-ndjson", "text/csv", "application/json; charset=utf-8")) {
            assertThatCode(() -> BrowserRequests.check("POST", MediaType.valueOf(type), null, false, CORS_OFF))
                    .as(type).doesNotThrowAnyException();
        }
        // curl -X POST .../start sends neither a body nor an Origin.
        assertThatCode(() -> BrowserRequests.check("POST", null, null, false, CORS_OFF)).doesNotThrowAnyException();
    }

    @Test
    void pagesOfOtherOriginsMayNotChangeAnythingWithoutAuthorization() {
        // A page's fetch(url, {method: 'POST', mode: 'no-cors'}) has no body but an Origin.
        for (String origin : List.of("https://evil.example", "null", "https://app.example.com.evil.example")) {
            assertThatThrownBy(() -> BrowserRequests.check("POST", null, origin, false, ONE_ORIGIN)).as(origin)
                    .isInstanceOfSatisfying(ManagerException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.Forbidden);
                        assertThat(e.details()).containsEntry("reason", "cross_origin");
                    });
        }
        assertThatCode(() -> BrowserRequests.check("POST", MediaType.APPLICATION_JSON_TYPE, "https://app.example.com",
                false, ONE_ORIGIN)).doesNotThrowAnyException();
        assertThatThrownBy(() -> BrowserRequests.check("POST", MediaType.TEXT_PLAIN_TYPE, "https://app.example.com",
                false, ONE_ORIGIN)).isInstanceOfSatisfying(ManagerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UnsupportedMediaType));
        assertThatCode(() -> BrowserRequests.check("DELETE", null, "https://evil.example", true, ONE_ORIGIN))
                .doesNotThrowAnyException();
        assertThatCode(() -> BrowserRequests.check("GET", null, "https://evil.example", false, ONE_ORIGIN))
                .doesNotThrowAnyException();
    }

    @Test
    void preflightsAreAnsweredForListedOriginsOnly() {
        assertThat(BrowserRequests.preflight("https://app.example.com", ONE_ORIGIN))
                .containsEntry("Access-Control-Allow-Origin", "https://app.example.com")
                .containsEntry("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
                .containsEntry("Vary", "Origin")
                .doesNotContainKey("Access-Control-Allow-Credentials")
                .hasEntrySatisfying("Access-Control-Allow-Headers", h -> assertThat(h).contains("Authorization", "Content-Type"));
        assertThat(BrowserRequests.preflight("https://evil.example", ONE_ORIGIN)).isNull();
        assertThat(BrowserRequests.preflight("https://app.example.com", CORS_OFF)).isNull();
        assertThat(BrowserRequests.isPreflight("OPTIONS", "https://a.example", List.of("POST"))).isTrue();
        assertThat(BrowserRequests.isPreflight("OPTIONS", null, List.of("POST"))).isFalse();
        assertThat(BrowserRequests.isPreflight("OPTIONS", "https://a.example", null)).isFalse();
        assertThat(BrowserRequests.isPreflight("POST", "https://a.example", List.of("POST"))).isFalse();
    }

    @Test
    void originsMatchExactlyAndMustBeOrigins() {
        CorsPolicy two = CorsPolicy.of(" https://app.example.com, http://localhost:3000 ,");
        assertThat(two.origins()).containsExactly("https://app.example.com", "http://localhost:3000");
        assertThat(two.allows("HTTPS://APP.EXAMPLE.COM")).isTrue();
        assertThat(two.allows("http://localhost:3000")).isTrue();
        assertThat(two.allows("https://app.example.com.evil.org")).isFalse();
        assertThat(two.allows("http://localhost:3001")).isFalse();
        assertThat(two.allows("null")).isFalse();
        assertThat(two.allows(null)).isFalse();
        assertThat(CorsPolicy.of("").origins()).isEmpty();
        for (String bad : List.of("*", "app.example.com", "https://app.example.com/", "https://a.com/x", "ftp://a.com",
                "https://user@a.com")) {
            assertThatThrownBy(() -> CorsPolicy.of(bad)).as(bad).isInstanceOfSatisfying(ManagerException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig));
        }
    }

    @Test
    void actualResponsesExposeHeadersToListedOriginsOnly() {
        assertThat(BrowserRequests.actual("https://app.example.com", ONE_ORIGIN))
                .containsEntry("Access-Control-Allow-Origin", "https://app.example.com")
                .hasEntrySatisfying("Access-Control-Expose-Headers", h -> assertThat(h).contains("Location", "X-Request-Id"));
        assertThat(BrowserRequests.actual("https://evil.example", ONE_ORIGIN)).isEmpty();
        assertThat(BrowserRequests.actual(null, ONE_ORIGIN)).isEmpty();
        assertThat(BrowserRequests.actual("https://app.example.com", CORS_OFF)).isEmpty();
    }
}
