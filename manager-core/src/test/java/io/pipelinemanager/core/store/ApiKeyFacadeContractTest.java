package io.pipelinemanager.core.store;

import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.ApiKey;
import io.pipelinemanager.core.api.ApiKeySpec;
import io.pipelinemanager.core.api.AuditEvent;
import io.pipelinemanager.core.api.AuditOutcome;
import io.pipelinemanager.core.api.AuditQuery;
import io.pipelinemanager.core.api.AuthMethod;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.CreatedApiKey;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.Role;
import io.pipelinemanager.core.testing.LogCapture;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * API keys and the audit log through the facade, with two manager instances on one database (each with its own
 * pool, store and caches), on every supported database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiKeyFacadeContractTest {

    private static final String SQL = "CREATE TABLE secret_sauce (x INTEGER);";

    private final AtomicInteger tenants = new AtomicInteger();
    private String url;
    private HikariDataSource dataSourceA;
    private HikariDataSource dataSourceB;
    private PipelineManager a;
    private PipelineManager b;

    /** A JDBC URL of a new empty database (user included). */
    abstract String newDatabaseUrl() throws Exception;

    /** Releases the database behind the URL. */
    void dropDatabase(String url) throws Exception {
    }

    @BeforeAll
    void open() throws Exception {
        url = newDatabaseUrl();
        dataSourceA = pool(url);
        dataSourceB = pool(url);
        a = PipelineManager.builder().dataSource(dataSourceA).backgroundWork(false).instanceId("a").build();
        b = PipelineManager.builder().dataSource(dataSourceB).backgroundWork(false).instanceId("b").build();
    }

    @AfterAll
    void close() throws Exception {
        if (a != null) {
            a.close();
            b.close();
            dataSourceA.close();
            dataSourceB.close();
            dropDatabase(url);
        }
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setMaximumPoolSize(4);
        return ds;
    }

    @Test
    void theBootstrapKeyStartsATenantWhoseAdminManagesKeysAndReadsTheAuditTrail() throws Exception {
        String tenant = freshTenant();
        CreatedApiKey first = a.bootstrapApiKey(tenant, new ApiKeySpec("first-admin", Role.ADMIN, null));
        assertThat(first.key().createdBy()).isEqualTo("bootstrap");
        assertThat(tenantCreatedBy(tenant)).isEqualTo("bootstrap");

        Caller admin = a.authenticate(first.secret(), "req-1", "192.0.2.1");
        assertThat(admin).isEqualTo(new Caller(tenant, "api-key:first-admin", Set.of(Role.ADMIN), AuthMethod.API_KEY,
                "req-1", "192.0.2.1"));
        Instant expiry = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        CreatedApiKey ci = a.createApiKey(admin, new ApiKeySpec("ci", Role.EDITOR, expiry));
        assertThat(ci.key().createdBy()).isEqualTo("api-key:first-admin");
        assertThat(a.listApiKeys(admin)).extracting(ApiKey::name).containsExactly("ci", "first-admin");
        assertThat(a.getApiKey(admin, "ci")).isEqualTo(ci.key());

        Caller editor = b.authenticate(ci.secret(), "req-2", "192.0.2.2");
        b.createProgram(editor, new ProgramSpec("shop", "", SQL));
        assertCode(() -> b.createApiKey(editor, new ApiKeySpec("mine", Role.ADMIN, null)), ErrorCode.Forbidden);
        assertCode(() -> b.listAuditEvents(editor, null), ErrorCode.Forbidden);

        assertThat(a.revokeApiKey(admin, "ci").status()).isEqualTo(ApiKey.Status.REVOKED);
        assertCode(() -> b.authenticate(ci.secret(), "req-3", "192.0.2.2"), ErrorCode.Unauthenticated);
        assertCode(() -> a.revokeApiKey(admin, "nope"), ErrorCode.UnknownApiKey);

        List<AuditEvent> trail = a.listAuditEvents(admin, AuditQuery.latest()).events();
        assertThat(trail).extracting(e -> e.action() + " " + e.outcome().wireName() + " " + e.principal() + " "
                        + e.targetName())
                .containsExactly(
                        "api_key.revoke failure api-key:first-admin nope",
                        "authenticate denied api-key:ci ci",
                        "api_key.revoke success api-key:first-admin ci",
                        "audit.list denied api-key:ci null",
                        "api_key.create denied api-key:ci mine",
                        "program.create success api-key:ci shop",
                        "api_key.create success api-key:first-admin ci",
                        "api_key.create success bootstrap first-admin",
                        "tenant.create success bootstrap " + tenant);
        assertThat(trail.get(1).reason()).isEqualTo("revoked");
        assertThat(trail.get(1).requestId()).isEqualTo("req-3");
        assertThat(trail.get(5).authMethod()).isEqualTo(AuthMethod.API_KEY);
        assertThat(trail.get(5).clientAddress()).isEqualTo("192.0.2.2");
        assertThat(trail.get(0).errorCode()).isEqualTo(ErrorCode.UnknownApiKey);
        assertThat(trail).allSatisfy(e -> assertThat(e.tenant()).isEqualTo(tenant));
        String stored = allAuditText();
        for (String secret : List.of(first.secret(), ci.secret())) {
            assertThat(stored).doesNotContain(secret.substring(20));
        }
        assertThat(stored).doesNotContain("secret_sauce", "CREATE TABLE");
    }

    @Test
    void aKeyRevokedThroughOneInstanceIsRefusedAtOnceByTheOther() {
        String tenant = freshTenant();
        CreatedApiKey key = a.bootstrapApiKey(tenant, new ApiKeySpec("ops", Role.ADMIN, null));
        Caller admin = b.authenticate(key.secret(), null, null);
        b.authenticate(key.secret(), null, null);

        a.revokeApiKey(a.authenticate(key.secret(), null, null), "ops");

        assertCode(() -> b.authenticate(key.secret(), null, null), ErrorCode.Unauthenticated);
        assertThat(b.listApiKeys(Caller.host(tenant, "host", Role.ADMIN))).singleElement()
                .satisfies(k -> assertThat(k.status()).isEqualTo(ApiKey.Status.REVOKED));
        assertThat(admin.principal()).isEqualTo("api-key:ops");
    }

    @Test
    void keysAndTheAuditLogAreTenantScoped() {
        String one = freshTenant();
        String two = freshTenant();
        Caller adminOne = Caller.host(one, "alice", Role.ADMIN);
        Caller adminTwo = Caller.host(two, "bob", Role.ADMIN);
        a.createApiKey(adminOne, new ApiKeySpec("shared-name", Role.VIEWER, null));
        a.createApiKey(adminTwo, new ApiKeySpec("shared-name", Role.ADMIN, null));

        assertThat(a.getApiKey(adminTwo, "shared-name").role()).isEqualTo(Role.ADMIN);
        a.revokeApiKey(adminTwo, "shared-name");
        assertThat(a.getApiKey(adminOne, "shared-name").status()).isEqualTo(ApiKey.Status.ACTIVE);
        assertThat(a.listAuditEvents(adminOne, null).events()).extracting(AuditEvent::principal).containsOnly("alice");
        assertThat(a.listAuditEvents(adminTwo, new AuditQuery(null, null, null, "api_key.revoke", null, null,
                AuditOutcome.SUCCESS, 10, null)).events()).singleElement()
                .satisfies(e -> assertThat(e.targetName()).isEqualTo("shared-name"));
        assertCode(() -> a.listAuditEvents(Caller.host(one, "vic", Role.EDITOR), null), ErrorCode.Forbidden);
    }

    @Test
    void anAdaptersRefusedAuthenticationIsStoredWithoutATenant() throws Exception {
        a.recordAuthenticationFailure(AuthMethod.JWT, "invalid_token", "req-jwt", "198.51.100.7");

        try (Connection c = dataSourceA.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT tenant_name, principal, auth_method, action, outcome, error_code,"
                     + " reason FROM audit_event WHERE request_id = 'req-jwt'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isNull();
            assertThat(List.of(rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                    rows.getString(6), rows.getString(7)))
                    .containsExactly("unknown", "JWT", "authenticate", "DENIED", "Unauthenticated", "invalid_token");
        }
    }

    @Test
    void whenTheAuditTableCannotBeWrittenTheCallStillSucceedsAndTheEventIsLoggedAtError() throws Exception {
        String otherUrl = newDatabaseUrl();
        try (HikariDataSource ds = pool(otherUrl);
             PipelineManager manager = PipelineManager.builder().dataSource(ds).backgroundWork(false).build()) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE audit_event RENAME TO audit_event_gone");
            }
            Caller editor = Caller.host(freshTenant(), "ed", Role.EDITOR);
            try (LogCapture log = LogCapture.stderr()) {
                assertThat(manager.createProgram(editor, new ProgramSpec("p", "", SQL)).name()).isEqualTo("p");
                // (Hibernate logs the failed statement itself, on its own logger.)
                List<String> audit = log.aboveInfo().stream().filter(line -> line.contains(" io.pipelinemanager.audit ")).toList();
                assertThat(audit).isNotEmpty().allSatisfy(line -> assertThat(line)
                        .contains("ERROR", "Audit event NOT stored").doesNotContainIgnoringCase("insert into"));
                assertThat(audit).anySatisfy(line -> assertThat(line).contains("\"action\":\"program.create\""));
            }
            assertThat(manager.getProgram(editor, "p").name()).isEqualTo("p");
        } finally {
            dropDatabase(otherUrl);
        }
    }

    private String freshTenant() {
        return "keys-" + tenants.incrementAndGet();
    }

    private String tenantCreatedBy(String tenant) throws Exception {
        try (Connection c = dataSourceA.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT created_by FROM tenant WHERE name = ?")) {
            s.setString(1, tenant);
            try (ResultSet rows = s.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }

    private String allAuditText() throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection c = dataSourceA.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT * FROM audit_event")) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    text.append(rows.getString(i)).append(' ');
                }
            }
        }
        return text.toString();
    }

    private static void assertCode(ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ManagerException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
