package io.pipelinemanager.war.it.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinemanager.war.it.support.ApiClient;
import io.pipelinemanager.war.it.support.ApiClient.Reply;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication with API keys over HTTP, on a server in {@code pm.auth.mode=apikey} (or {@code jwt}) whose client
 * {@link #api} holds an administrator key of the default tenant: keys of each role, what each may do, the secret
 * shown once, revocation, the 401 challenges and the audit trail.
 */
public abstract class ApiKeyTests extends ServerTests {

    private static final String CODE = "CREATE TABLE orders (id INT, amount DECIMAL(10, 2));";

    /** Creates a key with {@code role} and answers a client that uses it. */
    private ApiClient keyOf(String name, String role) {
        Reply created = api.post("api/api_keys", Map.of("name", name, "role", role));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(created.raw().headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/api_keys/" + name));
        String secret = created.json().get("secret").asText();
        assertThat(secret).startsWith(created.json().get("api_key").get("prefix").asText() + "_");
        return api.as("Bearer " + secret);
    }

    @Test
    public void keysOfEachRoleMayDoWhatTheirRoleAllowsAndNothingElse() {
        ApiClient editor = keyOf("e-" + suffix, "editor");
        ApiClient viewer = keyOf("v-" + suffix, "viewer");

        JsonNode me = editor.get("api/me").json();
        assertThat(me.get("principal").asText()).isEqualTo("api-key:e-" + suffix);
        assertThat(me.get("roles").toString()).isEqualTo("[\"editor\"]");
        assertThat(me.get("auth_method").asText()).isEqualTo("api_key");
        assertThat(me.get("tenant").asText()).isEqualTo("default");

        assertThat(editor.post("api/programs", Map.of("name", "k-" + suffix, "code", CODE)).status()).isEqualTo(201);
        assertThat(viewer.get("api/programs/k-" + suffix).status()).isEqualTo(200);
        Reply refused = viewer.post("api/programs", Map.of("name", "k2-" + suffix, "code", CODE));
        assertError(refused, 403, "Forbidden");
        assertThat(refused.json().get("details").get("required_role").asText()).isEqualTo("editor");
        assertError(editor.post("api/api_keys", Map.of("name", "x-" + suffix, "role", "viewer")), 403, "Forbidden");
        assertError(editor.get("api/audit"), 403, "Forbidden");
        assertThat(viewer.get("api/programs").json().findValuesAsText("name")).doesNotContain("k2-" + suffix);
    }

    @Test
    public void aKeysSecretIsShownOnceAndRevocationStopsItAtOnce() {
        ApiClient editor = keyOf("r-" + suffix, "editor");
        Reply shown = api.get("api/api_keys/r-" + suffix);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().has("secret")).isFalse();
        assertThat(shown.body()).doesNotContain(editor.authorization().substring("Bearer ".length()));
        assertThat(shown.json().get("status").asText()).isEqualTo("active");
        assertThat(api.get("api/api_keys").json().findValuesAsText("name")).contains("r-" + suffix);
        assertThat(api.get("api/api_keys").body()).doesNotContain(editor.authorization().substring("Bearer ".length()));
        assertThat(editor.get("api/programs").status()).isEqualTo(200);

        Reply revoked = api.delete("api/api_keys/r-" + suffix);
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
        Reply refused = editor.get("api/programs");
        assertError(refused, 401, "Unauthenticated");
        assertThat(refused.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).startsWith("Bearer realm=\"pipeline-manager\"").contains("error=\"invalid_token\""));
        assertError(api.post("api/api_keys", Map.of("name", "r-" + suffix, "role", "viewer")), 409, "DuplicateName");
        assertError(api.get("api/api_keys/nope-" + suffix), 404, "UnknownApiKey");
    }

    @Test
    public void missingMalformedAndUnknownCredentialsAnswer401WithTheirChallenge() {
        Reply missing = api.as(null).get("api/programs");
        assertError(missing, 401, "Unauthenticated");
        assertThat(missing.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"pipeline-manager\"");
        for (String malformed : List.of("Basic YWxhZGRpbjpvcGVuc2VzYW1l", "Bearer", "Bearer a b")) {
            Reply reply = api.as(malformed).get("api/programs");
            assertError(reply, 401, "Unauthenticated");
            assertThat(reply.raw().headers().firstValue("WWW-Authenticate")).as(malformed)
                    .hasValueSatisfying(h -> assertThat(h).contains("error=\"invalid_request\""));
        }
        Reply unknown = api.as("Bearer pm_nosuchid_" + "x".repeat(40)).get("api/programs");
        assertError(unknown, 401, "Unauthenticated");
        assertThat(unknown.raw().headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).contains("error=\"invalid_token\""));
        // A request without credentials is refused before its body is looked at.
        assertError(api.as(null).send(HttpRequest.newBuilder(api.base().resolve("api/programs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\": 5}"))
                .build()), 401, "Unauthenticated");
        assertThat(api.as(null).get("api/health").status()).isEqualTo(200);
    }

    @Test
    public void theAuditLogShowsWhoDidWhatAndWhatWasRefused() {
        ApiClient editor = keyOf("a-" + suffix, "editor");
        assertThat(editor.post("api/programs", Map.of("name", "a-" + suffix, "code", CODE)).status()).isEqualTo(201);
        assertThat(editor.post("api/api_keys", Map.of("name", "b-" + suffix, "role", "admin")).status()).isEqualTo(403);

        JsonNode created = api.get("api/audit?action=program.create&principal=api-key:a-" + suffix).json();
        assertThat(created.get("events")).hasSize(1);
        JsonNode event = created.get("events").get(0);
        assertThat(event.get("target_name").asText()).isEqualTo("a-" + suffix);
        assertThat(event.get("outcome").asText()).isEqualTo("success");
        assertThat(event.get("auth_method").asText()).isEqualTo("api_key");
        assertThat(event.get("request_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(event.get("client_address").asText()).isNotBlank();

        JsonNode denied = api.get("api/audit?outcome=denied&principal=api-key:a-" + suffix).json();
        assertThat(denied.get("events").findValuesAsText("action")).contains("api_key.create");
        JsonNode keys = api.get("api/audit?action=api_key.create&target_name=a-" + suffix).json();
        assertThat(keys.get("events")).hasSize(1);
        String secret = editor.authorization().substring("Bearer ".length());
        assertThat(api.get("api/audit?limit=1000").body()).doesNotContain(secret);

        assertError(api.get("api/audit?from=yesterday"), 400, "InvalidRequest");
        assertError(api.get("api/audit?outcome=maybe"), 400, "InvalidRequest");
        assertError(api.get("api/audit?target_kind=maybe"), 400, "InvalidRequest");
        assertError(api.get("api/audit?principal="), 400, "InvalidRequest");
        Reply page = api.get("api/audit?limit=1");
        assertThat(page.json().get("events")).hasSize(1);
        assertThat(page.json().get("next_cursor").isTextual()).isTrue();
    }

    private static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.errorCode()).as(reply.toString()).isEqualTo(code);
    }
}
