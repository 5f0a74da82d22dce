package io.pipelinemanager.war.it.wildfly;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.war.it.support.ApiClient;
import io.pipelinemanager.war.it.support.ApiClient.Reply;
import io.pipelinemanager.war.it.support.OidcProvider;
import io.pipelinemanager.war.it.support.SecurityMatrix;
import io.pipelinemanager.war.it.support.SecurityMatrix.Credential;
import io.pipelinemanager.war.it.support.SecurityMatrix.Finding;
import io.pipelinemanager.war.it.support.SecurityMatrix.Operation;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may do what, over HTTP on WildFly (with PostgreSQL when {@code PM_TEST_PG_URL} is set): every
 * operation of the served OpenAPI document × every kind of credential — none, malformed, an unknown
 * API key, forged, expired and wrongly addressed JWTs of the OIDC provider, a JWT without tenant or
 * without a mapped group, each role by JWT and by API key, revoked, expired and wrongly completed API keys,
 * and another tenant's administrator by JWT and by API key — answers exactly the
 * status its credentials call for, and never another tenant's data. The server runs in {@code jwt}
 * mode (API keys accepted too) with the groups→roles table of arquillian.xml.
 */
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly")
@ExtendWith(ArquillianExtension.class)
class WildFlySecurityMatrixIT {

    /** The one operation only the default tenant's callers may use. */
    static final String METRICS = "GET /api/metrics";

    /** The groups→roles table the IT server is configured with (arquillian.xml). */
    static final Map<String, String> GROUPS = Map.of("viewer", "pm-viewers", "editor", "pm-editors", "admin", "pm-admins");

    @ArquillianResource
    URL base;

    private URI root;
    private OidcProvider provider;
    private String suffix;

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("pm.war")));
    }

    @BeforeEach
    void setUp() throws Exception {
        root = base.toURI();
        provider = OidcProvider.shared();
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    /** A tenant set up by its administrator (a JWT): a program and a pipeline, and markers of its data. */
    private final class Tenant {
        final String name;
        final String adminJwt;
        final ApiClient admin;
        final String marker;
        String programId;
        String pipelineId;

        Tenant(String name) {
            this.name = name;
            this.adminJwt = jwt(name, "admin");
            this.admin = new ApiClient(root, "Bearer " + adminJwt);
            this.marker = "secret-of-" + name;
        }

        void populate() {
            Reply program = admin.post("api/programs", Map.of("name", "shop", "description", marker,
                    "code", "CREATE TABLE orders_" + name.replace('-', '_') + " (id INT);"));
            assertThat(program.status()).as(program.toString()).isEqualTo(201);
            programId = program.json().get("id").asText();
            Reply pipeline = admin.post("api/pipelines", Map.of("name", "shop", "description", marker, "program", "shop"));
            assertThat(pipeline.status()).as(pipeline.toString()).isEqualTo(201);
            pipelineId = pipeline.json().get("id").asText();
        }

        /** The name of the API key {@link #createKey} made last. */
        String lastKeyName;

        /** A new API key of this tenant with {@code role}, made by its administrator; returns the whole secret. */
        String createKey(String role, Instant expiresAt) {
            lastKeyName = role + "-key-" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, Object> body = new LinkedHashMap<>(Map.of("name", lastKeyName, "role", role));
            if (expiresAt != null) {
                body.put("expires_at", expiresAt.toString());
            }
            Reply created = admin.post("api/api_keys", body);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            return created.json().get("secret").asText();
        }

        /** Strings that only this tenant's data contains: its name (in its principals too), description, table. */
        List<String> markers() {
            return List.of(name, marker, "orders_" + name.replace('-', '_'));
        }
    }

    private String jwt(String tenant, String role) {
        return provider.token(tenant, role + "-of-" + tenant, List.of(GROUPS.get(role), "staff"));
    }

    @Test
    void everyOperationAnswersEveryCredentialExactly() throws Exception {
        Tenant a = new Tenant("acme-" + suffix);
        Tenant b = new Tenant("globex-" + suffix);
        a.populate();
        b.populate();

        List<String> admins = List.of(GROUPS.get("admin"));
        List<Credential> credentials = new ArrayList<>(List.of(
                Credential.refused("no credentials", null),
                Credential.refused("Basic scheme", "Basic dXNlcjpwYXNz"),
                Credential.refused("malformed bearer", "Bearer pm key with spaces"),
                Credential.refused("unknown API key", "Bearer pm_" + random(12) + "_" + random(43)),
                Credential.refused("forged JWT", "Bearer " + provider.forgedToken(a.name, "mallory", admins)),
                Credential.refused("expired JWT", "Bearer " + provider.expiredToken(a.name, "late", admins)),
                Credential.refused("JWT for another audience", "Bearer "
                        + provider.tokenForAudience("another-app", a.name, "elsewhere", admins)),
                Credential.refused("JWT without tenant", "Bearer " + provider.token(null, "nobody", admins)),
                new Credential("JWT with unmapped groups", "Bearer " + provider.token(a.name, "guest", List.of("admin", "staff")), "")));
        for (String role : List.of("viewer", "editor", "admin")) {
            credentials.add(new Credential(role + " JWT", "Bearer " + jwt(a.name, role), role));
            credentials.add(new Credential(role + " API key", "Bearer " + a.createKey(role, null), role));
        }
        String revoked = a.createKey("editor", null);
        Reply revocation = a.admin.delete("api/api_keys/" + a.lastKeyName);
        assertThat(revocation.status()).as(revocation.toString()).isEqualTo(200);
        credentials.add(Credential.refused("revoked API key", "Bearer " + revoked));
        String expiring = a.createKey("admin", Instant.now().plusSeconds(2));
        ApiClient expiringClient = new ApiClient(root, "Bearer " + expiring);
        await().atMost(Duration.ofSeconds(30)).until(() -> expiringClient.get("api/me").status() == 401);
        credentials.add(Credential.refused("expired API key", "Bearer " + expiring));
        String real = a.createKey("admin", null);
        credentials.add(Credential.refused("API key with a wrong secret",
                "Bearer " + real.substring(0, real.lastIndexOf('_') + 1) + random(43)));

        // Tenant A's callers aim at B's objects; B's administrator aims at A's.
        SecurityMatrix atB = matrix(b);
        SecurityMatrix atA = matrix(a);
        assertThat(atB.operations()).extracting(Operation::label).contains("GET /api/me", "GET /api/programs", "POST /api/pipelines");

        List<Finding> findings = new ArrayList<>();
        Credential admin = new Credential("A's admin", "Bearer " + a.adminJwt, "admin");
        Map<Operation, HttpResponse<String>> reference = new LinkedHashMap<>();
        atB.operations().forEach(op -> reference.put(op, atB.send(op, admin.authorization())));
        findings.addAll(atB.checkReference(reference, admin));
        for (Credential credential : credentials) {
            findings.addAll(atB.check(credential, reference, b.markers()));
        }

        for (Credential foreign : List.of(new Credential("B's admin JWT", "Bearer " + b.adminJwt, "admin"),
                new Credential("B's admin API key", "Bearer " + b.createKey("admin", null), "admin"))) {
            Map<Operation, HttpResponse<String>> fromB = new LinkedHashMap<>();
            atA.operations().forEach(op -> fromB.put(op, atA.send(op, foreign.authorization())));
            findings.addAll(atA.checkReference(fromB, foreign));
            fromB.forEach((op, response) -> {
                String leak = SecurityMatrix.leak(op, response, a.markers());
                if (leak != null) {
                    findings.add(new Finding(op, foreign, response.statusCode(), leak, response.body()));
                }
            });
        }

        assertThat(findings).as(findings.size() + " wrong answers of " + atB.operations().size() + " operations × "
                + (credentials.size() + 2) + " credentials:\n" + String.join("\n", findings.stream().map(Finding::toString).toList()))
                .isEmpty();

        // The data each tenant made is still there and its own: nothing above changed it.
        for (Tenant t : List.of(a, b)) {
            JsonNode shop = t.admin.get("api/programs/shop").json();
            assertThat(shop.get("id").asText()).isEqualTo(t.programId);
            assertThat(shop.get("description").asText()).isEqualTo(t.marker);
            assertThat(t.admin.get("api/pipelines/shop").json().get("description").asText()).isEqualTo(t.marker);
        }
    }

    /**
     * The operations, with path parameters naming {@code owner}'s objects (others: names no tenant has). The
     * metrics describe the whole server: only the default tenant's callers may read them (their OpenAPI
     * description says so), so they answer the matrix's tenants 403.
     */
    private SecurityMatrix matrix(Tenant owner) throws Exception {
        String document = new ApiClient(root).getAbsolute(root.resolve("openapi?format=JSON")).body();
        return new SecurityMatrix(root, document, param -> switch (param.substring(0, param.indexOf('/'))) {
            case "programs" -> owner.programId;
            case "pipelines" -> owner.pipelineId;
            default -> "target-" + suffix;
        }, Set.of(METRICS));
    }

    @Test
    void metricsAreForTheDefaultTenantsViewers() {
        Reply viewer = new ApiClient(root, "Bearer " + jwt(Caller.DEFAULT_TENANT, "viewer")).getText("api/metrics");
        assertThat(viewer.status()).as(viewer.toString()).isEqualTo(200);
        assertThat(viewer.body()).contains("pm_");
        Reply noRole = new ApiClient(root, "Bearer " + provider.token(Caller.DEFAULT_TENANT, "guest", List.of("staff")))
                .getText("api/metrics");
        assertThat(noRole.status()).as(noRole.toString()).isEqualTo(403);
    }

    @Test
    void meNamesTheCallerOfAToken() {
        String tenant = "initech-" + suffix;
        Reply me = new ApiClient(root, "Bearer " + jwt(tenant, "editor")).get("api/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("tenant").asText()).isEqualTo(tenant);
        assertThat(me.json().get("principal").asText()).isEqualTo("editor-of-" + tenant);
        assertThat(me.json().get("auth_method").asText()).isEqualToIgnoringCase("jwt");
        assertThat(me.json().get("roles").toString()).containsIgnoringCase("editor").doesNotContainIgnoringCase("admin");
    }

    @Test
    void aRefusedTokenIsTheJsonErrorWithAChallenge() {
        Reply reply = new ApiClient(root).send(HttpRequest.newBuilder(root.resolve("api/programs"))
                .header("Authorization", "Bearer " + provider.expiredToken("acme-" + suffix, "late", List.of("pm-admins")))
                .GET().build());
        HttpResponse<String> response = reply.raw();
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).startsWith("Bearer ").contains("error=\"invalid_token\""));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(reply.errorCode()).isEqualTo("Unauthenticated");
        assertThat(reply.json().path("details").path("cause").asText()).isEqualTo("expired");
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code n} random letters and digits. */
    private static String random(int n) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
