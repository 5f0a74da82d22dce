package io.pipelinemanager.core.store;

import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.api.ApiKey;
import io.pipelinemanager.core.api.ApiKeySpec;
import io.pipelinemanager.core.api.AuditEvent;
import io.pipelinemanager.core.api.AuditOutcome;
import io.pipelinemanager.core.api.AuditPage;
import io.pipelinemanager.core.api.AuditQuery;
import io.pipelinemanager.core.api.AuthMethod;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.CreatedApiKey;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Role;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.apikey.Argon2idHasher;
import io.pipelinemanager.core.internal.apikey.ApiKeyService;
import io.pipelinemanager.core.internal.audit.AuditEntry;
import io.pipelinemanager.core.internal.auditlog.AuditLog;
import io.pipelinemanager.core.internal.store.Database;
import io.pipelinemanager.core.internal.store.Store;
import io.pipelinemanager.core.internal.store.StoredApiKey;
import io.pipelinemanager.core.internal.store.jpa.JpaStore;
import io.pipelinemanager.core.testing.LogCapture;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * API keys and the audit log over the real store: one suite, run against every supported database (one subclass
 * per database), like {@link StoreContractTest}. Two services over two stores on one database stand for two
 * manager instances.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiKeyAndAuditContractTest {

    private static final String TENANT = "acme";
    /** Cheap hashes keep the suite fast; the cost is carried in each hash, the algorithm is the same. */
    private static final Argon2idHasher.Cost TEST_COST = new Argon2idHasher.Cost(1024, 1, 1);

    private HikariDataSource dataSource;
    private Store store;
    private Store otherStore;
    private final AtomicReference<Instant> clock = new AtomicReference<>();
    private final Supplier<Instant> now = clock::get;
    private TenantId tenant;
    private AuditLog audit;
    private ApiKeyService keys;
    private ApiKeyService otherInstance;

    /** A JDBC URL of a new empty database (user included). */
    abstract String newDatabaseUrl() throws Exception;

    /** Releases the database behind the URL. */
    void dropDatabase(String url) throws Exception {
    }

    @BeforeAll
    void open() throws Exception {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(newDatabaseUrl());
        dataSource.setMaximumPoolSize(6);
        Database.migrate(dataSource);
        store = JpaStore.open(dataSource, new JpaStore.RetryPolicy(1, Duration.ZERO));
        otherStore = JpaStore.open(dataSource, new JpaStore.RetryPolicy(1, Duration.ZERO));
    }

    @AfterAll
    void close() throws Exception {
        if (store != null) {
            store.close();
            otherStore.close();
            String url = dataSource.getJdbcUrl();
            dataSource.close();
            dropDatabase(url);
        }
    }

    @BeforeEach
    void fresh() throws Exception {
        clock.set(Instant.parse("2026-11-30T05:00:00Z"));
        tenant = new TenantId(UUID.randomUUID());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit_event");
            s.executeUpdate("DELETE FROM api_key");
            s.executeUpdate("DELETE FROM tenant WHERE name <> 'default'");
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO tenant (id, name, created_at, created_by) VALUES (?, ?, ?, ?)")) {
                insert.setObject(1, tenant.value());
                insert.setString(2, TENANT);
                insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                insert.setString(4, "test");
                insert.executeUpdate();
            }
        }
        audit = new AuditLog(store, now, Duration.ofDays(90));
        keys = newInstance(store);
        otherInstance = newInstance(otherStore);
    }

    private ApiKeyService newInstance(Store instanceStore) {
        return new ApiKeyService(instanceStore, now, new Argon2idHasher(TEST_COST, new SecureRandom(), 2),
                new SecureRandom(), audit);
    }

    // --- API keys ---

    @Test
    void aCreatedKeyIsShownOnceAndStoredOnlyAsAnArgon2idHash() throws Exception {
        CreatedApiKey created = keys.create(tenant, TENANT, "admin", new ApiKeySpec("ci", Role.EDITOR, null));

        assertThat(created.secret()).matches("pm_[A-Za-z0-9]{16}_[A-Za-z0-9]{43}");
        assertThat(created.toString()).doesNotContain(created.secret());
        assertThat(created.key().prefix()).isEqualTo(created.secret().substring(0, 19));
        assertThat(created.key()).isEqualTo(new ApiKey("ci", created.key().prefix(), Role.EDITOR, ApiKey.Status.ACTIVE,
                clock.get(), "admin", null, null, null));
        String storedHash = storedColumn("hash", "ci");
        assertThat(storedHash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$").doesNotContain(created.secret().substring(20));
        assertThat(keys.get(tenant, "ci")).isEqualTo(created.key());
        assertThat(keys.list(tenant)).containsExactly(created.key());
    }

    @Test
    void keyNamesFollowTheNameRulesAndAreUniquePerTenantEvenAfterRevocation() {
        keys.create(tenant, TENANT, "admin", new ApiKeySpec("ci", Role.VIEWER, null));

        assertCode(() -> keys.create(tenant, TENANT, "admin", new ApiKeySpec("ci", Role.VIEWER, null)), ErrorCode.DuplicateName);
        keys.revoke(tenant, "ci");
        assertCode(() -> keys.create(tenant, TENANT, "admin", new ApiKeySpec("ci", Role.VIEWER, null)), ErrorCode.DuplicateName);
        assertCode(() -> keys.create(tenant, TENANT, "admin", new ApiKeySpec("-bad", Role.VIEWER, null)), ErrorCode.InvalidName);
        assertCode(() -> keys.create(tenant, TENANT, "admin", new ApiKeySpec("x", null, null)), ErrorCode.InvalidRequest);
        assertCode(() -> keys.create(tenant, TENANT, "admin", new ApiKeySpec("x", Role.ADMIN, clock.get())),
                ErrorCode.InvalidRequest);
        assertCode(() -> keys.create(tenant, TENANT, "admin", null), ErrorCode.InvalidRequest);
        assertThat(keys.list(tenant)).extracting(ApiKey::name).containsExactly("ci");
    }

    @Test
    void keysAreTenantScoped() throws Exception {
        TenantId other = insertTenant("other");
        keys.create(tenant, TENANT, "admin", new ApiKeySpec("ci", Role.VIEWER, null));
        keys.create(other, "other", "admin", new ApiKeySpec("ci", Role.ADMIN, null));

        assertThat(keys.list(other)).extracting(ApiKey::role).containsExactly(Role.ADMIN);
        keys.revoke(other, "ci");
        assertThat(keys.get(tenant, "ci").status()).isEqualTo(ApiKey.Status.ACTIVE);
        assertCode(() -> keys.get(other, "nope"), ErrorCode.UnknownApiKey);
        assertCode(() -> keys.revoke(other, "nope"), ErrorCode.UnknownApiKey);
    }

    @Test
    void aValidKeyAuthenticatesAsItsTenantRoleAndName() {
        CreatedApiKey created = keys.create(tenant, TENANT, "admin", new ApiKeySpec("ci", Role.EDITOR, null));

        Caller caller = keys.authenticate(created.secret(), "req-1", "10.0.0.7");

        assertThat(caller).isEqualTo(new Caller(TENANT, "api-key:ci", Set.of(Role.EDITOR), AuthMethod.API_KEY,
                "req-1", "10.0.0.7"));
        assertThat(audit.list(TENANT, AuditQuery.latest()).events()).as("successes are not audited per request").isEmpty();
    }

    @Test
    void everyRefusalIsUnauthenticatedWithOneMessageAndAnAuditEventSayingWhy() {
        CreatedApiKey created = keys.create(tenant, TENANT, "admin", new ApiKeySpec("ci", Role.EDITOR, null));
        String secret = created.secret();
        String wrongSecret = secret.substring(0, 20) + (secret.charAt(20) == 'A' ? 'B' : 'A') + secret.substring(21);
        String unknown = "pm_" + "Z".repeat(16) + secret.substring(19);

        List<String> messages = new ArrayList<>();
        for (String presented : List.of("", "not-a-key " + secret, wrongSecret, unknown)) {
            ManagerException e = refused(() -> keys.authenticate(presented, "r", "10.0.0.9"));
            messages.add(e.getMessage());
            assertThat(e.details()).isEmpty();
        }

        assertThat(messages).containsOnly("The API key is not accepted");
        // Only a key that was found names its tenant, and so shows in the tenant's log.
        List<AuditEvent> events = audit.list(TENANT, AuditQuery.latest()).events();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("wrong_secret");
            assertThat(e.principal()).isEqualTo("api-key:ci");
            assertThat(e.action()).isEqualTo("authenticate");
            assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(e.errorCode()).isEqualTo(ErrorCode.Unauthenticated);
            assertThat(e.authMethod()).isEqualTo(AuthMethod.API_KEY);
            assertThat(e.targetKind()).isEqualTo("api_key");
            assertThat(e.targetName()).isEqualTo("ci");
            assertThat(e.requestId()).isEqualTo("r");
            assertThat(e.clientAddress()).isEqualTo("10.0.0.9");
        });
        assertThat(allAuditText()).contains("missing", "malformed", "unknown_key", "pm_ZZZZZZZZZZZZZZZZ")
                .doesNotContain(secret.substring(20), wrongSecret.substring(20), "not-a-key");
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceEvenThoughItsVerificationIsCached() {
        CreatedApiKey created = keys.create(tenant, TENANT, "admin", new ApiKeySpec("ci", Role.VIEWER, null));
        keys.authenticate(created.secret(), null, null);
        keys.authenticate(created.secret(), null, null);
        assertThat(keys.hashVerifications()).isEqualTo(1);
        assertThat(keys.cachedVerifications()).isEqualTo(1);

        assertThat(keys.revoke(tenant, "ci").status()).isEqualTo(ApiKey.Status.REVOKED);

        refused(() -> keys.authenticate(created.secret(), null, null));
        assertThat(keys.cachedVerifications()).as("the refusal came after a cache hit").isEqualTo(2);
        assertThat(lastAuditReason()).isEqualTo("revoked");
        assertThat(keys.revoke(tenant, "ci").revokedAt()).as("revoking again changes nothing").isEqualTo(clock.get());
    }

    @Test
    void anExpiredKeyIsRefusedEvenThoughItsVerificationIsCached() {
        // Expiring within the verification cache's lifetime, so the refused request is a cache hit.
        Instant expiry = clock.get().plus(ApiKeyService.VERIFIED_TTL.dividedBy(2));
        CreatedApiKey created = keys.create(tenant, TENANT, "admin", new ApiKeySpec("ci", Role.VIEWER, expiry));
        keys.authenticate(created.secret(), null, null);

        clock.set(expiry);

        refused(() -> keys.authenticate(created.secret(), null, null));
        assertThat(keys.cachedVerifications()).isEqualTo(1);
        assertThat(lastAuditReason()).isEqualTo("expired");
        assertThat(keys.get(tenant, "ci").status()).isEqualTo(ApiKey.Status.EXPIRED);
    }

    @Test
    void aKeyRevokedOnOneInstanceIsRefusedAtOnceOnAnother() {
        CreatedApiKey created = keys.create(tenant, TENANT, "admin", new ApiKeySpec("ci", Role.ADMIN, null));
        otherInstance.authenticate(created.secret(), null, null);
        otherInstance.authenticate(created.secret(), null, null);
        assertThat(otherInstance.cachedVerifications()).isEqualTo(1);

        keys.revoke(tenant, "ci");

        refused(() -> otherInstance.authenticate(created.secret(), null, null));
        assertThat(lastAuditReason()).isEqualTo("revoked");
    }

    @Test
    void lastUseIsWrittenAtMostOncePerMinute() throws Exception {
        CreatedApiKey created = keys.create(tenant, TENANT, "admin", new ApiKeySpec("ci", Role.VIEWER, null));
        Instant first = clock.get();
        keys.authenticate(created.secret(), null, null);
        assertThat(keys.get(tenant, "ci").lastUsedAt()).isEqualTo(first);

        clock.set(first.plusSeconds(30));
        keys.authenticate(created.secret(), null, null);
        otherInstance.authenticate(created.secret(), null, null);
        assertThat(keys.get(tenant, "ci").lastUsedAt()).as("within the minute: no write").isEqualTo(first);

        Instant later = first.plusSeconds(61);
        clock.set(later);
        otherInstance.authenticate(created.secret(), null, null);
        keys.authenticate(created.secret(), null, null);
        assertThat(keys.get(tenant, "ci").lastUsedAt()).isEqualTo(later);
    }

    // --- Audit log ---

    @Test
    void eventsAreStoredWithEveryFieldAndListedNewestFirst() {
        AuditEntry first = event("pipeline.create", "pipeline", "orders", AuditOutcome.SUCCESS, "api-key:ci");
        long id = audit.store(first);
        clock.set(clock.get().plusSeconds(1));
        AuditEntry second = new AuditEntry(clock.get(), TENANT, "alice", AuthMethod.JWT, "pipeline.delete",
                "pipeline", "orders", UUID.randomUUID().toString(), AuditOutcome.DENIED, ErrorCode.Forbidden, "role",
                "req-9", "2001:db8::1");
        long secondId = audit.store(second);

        assertThat(secondId).isGreaterThan(id);
        assertThat(audit.list(TENANT, AuditQuery.latest()).events())
                .containsExactly(stored(second, secondId), stored(first, id));
    }

    @Test
    void theQueryFiltersByTimePrincipalActionTargetAndOutcome() {
        Instant t0 = clock.get();
        audit.store(event("pipeline.create", "pipeline", "orders", AuditOutcome.SUCCESS, "api-key:ci"));
        clock.set(t0.plusSeconds(10));
        audit.store(event("pipeline.delete", "pipeline", "orders", AuditOutcome.FAILURE, "api-key:ci"));
        clock.set(t0.plusSeconds(20));
        audit.store(event("program.create", "program", "sales", AuditOutcome.SUCCESS, "alice"));
        clock.set(t0.plusSeconds(30));
        audit.store(event("program.delete", "program", "sales", AuditOutcome.DENIED, "bob"));
        audit.store(new AuditEntry(clock.get(), "other", "alice", AuthMethod.JWT, "program.create", "program",
                "sales", null, AuditOutcome.SUCCESS, null, null, null, null));

        assertThat(actions(query(t0.plusSeconds(10), t0.plusSeconds(30), null, null, null, null, null)))
                .containsExactly("program.create", "pipeline.delete");
        assertThat(actions(query(null, null, "alice", null, null, null, null))).containsExactly("program.create");
        assertThat(actions(query(null, null, null, "pipeline.delete", null, null, null))).containsExactly("pipeline.delete");
        assertThat(actions(query(null, null, null, null, "program", null, null)))
                .containsExactly("program.delete", "program.create");
        assertThat(actions(query(null, null, null, null, null, "orders", null)))
                .containsExactly("pipeline.delete", "pipeline.create");
        assertThat(actions(query(null, null, null, null, null, null, AuditOutcome.DENIED))).containsExactly("program.delete");
        assertThat(actions(query(null, null, "api-key:ci", null, "pipeline", "orders", AuditOutcome.SUCCESS)))
                .containsExactly("pipeline.create");
        assertThat(audit.list("other", AuditQuery.latest()).events()).extracting(AuditEvent::tenant).containsOnly("other");
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeatsAlsoWhenEventsShareATime() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            if (i % 3 == 0) {
                clock.set(clock.get().plusMillis(1));
            }
            ids.add(audit.store(event("pipeline.create", "pipeline", "p" + i, AuditOutcome.SUCCESS, "alice")));
        }

        List<Long> seen = new ArrayList<>();
        AuditQuery query = AuditQuery.latest().withLimit(3);
        AuditPage page = audit.list(TENANT, query);
        int pages = 1;
        while (true) {
            page.events().forEach(e -> seen.add(e.id()));
            if (page.nextCursor() == null) {
                break;
            }
            // An event written between pages is newer: it does not disturb the pages that follow.
            audit.store(event("program.create", "program", "late" + pages, AuditOutcome.SUCCESS, "alice"));
            page = audit.list(TENANT, query.withCursor(page.nextCursor()));
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        List<Long> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void badQueriesAreInvalidRequests() {
        assertCode(() -> audit.list(TENANT, AuditQuery.latest().withLimit(0)), ErrorCode.InvalidRequest);
        assertCode(() -> audit.list(TENANT, AuditQuery.latest().withLimit(AuditQuery.MAX_LIMIT + 1)), ErrorCode.InvalidRequest);
        assertCode(() -> audit.list(TENANT, AuditQuery.latest().withCursor("garbage!")), ErrorCode.InvalidRequest);
        assertCode(() -> audit.list(TENANT, AuditQuery.latest().withCursor("MTox")), ErrorCode.InvalidRequest);
        assertCode(() -> audit.list(TENANT, query(clock.get(), clock.get(), null, null, null, null, null)),
                ErrorCode.InvalidRequest);
        assertCode(() -> audit.list(TENANT, query(null, null, "a\u0000b", null, null, null, null)), ErrorCode.InvalidRequest);
        assertThat(audit.list(TENANT, AuditQuery.latest().withLimit(AuditQuery.MAX_LIMIT)).events()).isEmpty();
    }

    @Test
    void longClientTextIsCutToTheColumnsRatherThanLosingTheEvent() {
        String longId = "r".repeat(500);
        long id = audit.store(new AuditEntry(clock.get(), TENANT, "p".repeat(300), AuthMethod.HOST, "pipeline.get",
                "pipeline", "n".repeat(400), null, AuditOutcome.FAILURE, ErrorCode.InvalidRequest, null, longId,
                "a".repeat(200)));

        assertThat(id).isPositive();
        AuditEvent stored = audit.list(TENANT, AuditQuery.latest()).events().get(0);
        assertThat(stored.requestId()).hasSize(128);
        assertThat(stored.principal()).hasSize(256);
        assertThat(stored.targetName()).hasSize(256);
    }

    @Test
    void retentionDeletesOnlyEventsOlderThanItInBatches() {
        Instant start = clock.get();
        store.write(s -> {
            for (int i = 0; i < 1_005; i++) {
                s.insertAuditEvent(event("pipeline.create", "pipeline", "old" + i, AuditOutcome.SUCCESS, "alice"));
            }
            return null;
        });
        clock.set(start.plus(Duration.ofDays(50)));
        audit.store(event("pipeline.delete", "pipeline", "recent", AuditOutcome.SUCCESS, "alice"));

        clock.set(start.plus(Duration.ofDays(90)));
        assertThat(audit.prune()).as("nothing is older than 90 days yet").isZero();
        clock.set(start.plus(Duration.ofDays(90)).plusSeconds(1));
        assertThat(audit.prune()).isEqualTo(1_005);

        assertThat(audit.list(TENANT, AuditQuery.latest()).events()).extracting(AuditEvent::targetName)
                .containsExactly("recent");
    }

    @Test
    void aFailedAuditWriteIsLoggedAtErrorWithTheEventAndNeverThrown() {
        Store closed = JpaStore.open(dataSource, new JpaStore.RetryPolicy(1, Duration.ZERO));
        closed.close();
        AuditLog broken = new AuditLog(closed, now, Duration.ofDays(1));
        try (LogCapture log = LogCapture.stderr()) {
            long id = broken.store(event("pipeline.delete", "pipeline", "orders", AuditOutcome.SUCCESS, "api-key:ci"));

            assertThat(id).isEqualTo(-1);
            assertThat(broken.writeFailures()).isEqualTo(1);
            assertThat(log.aboveInfo()).singleElement().asString().contains("ERROR", "Audit event NOT stored",
                    "\"action\":\"pipeline.delete\"", "\"principal\":\"api-key:ci\"", "\"target_name\":\"orders\"");
        }
    }

    // --- helpers ---

    private static AuditEvent stored(AuditEntry e, long id) {
        return new AuditEvent(id, e.occurredAt(), e.tenant(), e.principal(), e.authMethod(), e.action(), e.targetKind(),
                e.targetName(), e.targetId(), e.outcome(), e.errorCode(), e.reason(), e.requestId(), e.clientAddress());
    }

    private AuditEntry event(String action, String kind, String name, AuditOutcome outcome, String principal) {
        return new AuditEntry(clock.get(), TENANT, principal, AuthMethod.API_KEY, action, kind, name, null, outcome,
                outcome == AuditOutcome.SUCCESS ? null : ErrorCode.Forbidden, null, null, null);
    }

    private static AuditQuery query(Instant from, Instant to, String principal, String action, String kind, String name,
                                    AuditOutcome outcome) {
        return new AuditQuery(from, to, principal, action, kind, name, outcome, null, null);
    }

    private List<String> actions(AuditQuery query) {
        return audit.list(TENANT, query).events().stream().map(AuditEvent::action).toList();
    }

    private String lastAuditReason() {
        return audit.list(TENANT, AuditQuery.latest()).events().get(0).reason();
    }

    /** Every stored audit field of every event, as text. */
    private String allAuditText() {
        StringBuilder text = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT * FROM audit_event")) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    text.append(rows.getString(i)).append(' ');
                }
                text.append('\n');
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    private String storedColumn(String column, String keyName) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM api_key WHERE name = ?")) {
            s.setString(1, keyName);
            try (ResultSet rows = s.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }

    private TenantId insertTenant(String name) throws Exception {
        TenantId id = new TenantId(UUID.randomUUID());
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO tenant (id, name, created_at) VALUES (?, ?, ?)")) {
            insert.setObject(1, id.value());
            insert.setString(2, name);
            insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        }
        return id;
    }

    private static ManagerException refused(ThrowableAssert.ThrowingCallable call) {
        return (ManagerException) assertThatThrownBy(call).isInstanceOfSatisfying(ManagerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.Unauthenticated)).actual();
    }

    private static void assertCode(ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ManagerException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
