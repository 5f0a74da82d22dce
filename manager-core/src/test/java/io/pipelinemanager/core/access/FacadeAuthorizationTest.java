package io.pipelinemanager.core.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.ApiKeySpec;
import io.pipelinemanager.core.api.AuditQuery;
import io.pipelinemanager.core.api.AuthMethod;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Operation;
import io.pipelinemanager.core.api.Performs;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineUpdate;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramUpdate;
import io.pipelinemanager.core.api.Role;
import io.pipelinemanager.core.internal.audit.LogAuditSink;
import io.pipelinemanager.core.testing.LogCapture;
import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The operation → role table is complete and is what the facade enforces: every public facade method
 * taking a {@link Caller} names its {@link Operation}; a caller without the operation's role is refused
 * with {@code Forbidden} before anything happens (not even its tenant is created) and the refusal is
 * audited under that operation's name; the role itself is let through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FacadeAuthorizationTest {

    /**
     * The methods that need no caller: operational ones, and those that come before any caller exists —
     * the adapters' security settings, authenticating a bearer key, recording an adapter's refused
     * authentication, the operator's first key.
     */
    private static final Set<String> CALLER_LESS = Set.of("health", "counters", "securitySettings", "close",
            "authenticate", "recordAuthenticationFailure", "bootstrapApiKey");
    private static final String SQL = "CREATE TABLE t (x INT);";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger tenants = new AtomicInteger();
    private HikariDataSource dataSource;
    private PipelineManager manager;

    @BeforeAll
    void open() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestDatabases.h2Url());
        manager = PipelineManager.builder().environment(Map.of()).dataSource(dataSource)
                .property("pm.background-work", "false").build();
    }

    @AfterAll
    void close() {
        manager.close();
        dataSource.close();
    }

    @Test
    void everyPublicMethodTakesTheCallerFirstAndNamesItsOperation() {
        List<String> unmarked = new ArrayList<>();
        for (Method method : facadeMethods()) {
            boolean callerFirst = method.getParameterCount() > 0 && method.getParameterTypes()[0] == Caller.class;
            if (!callerFirst && !CALLER_LESS.contains(method.getName())) {
                unmarked.add(method.getName() + " takes no Caller first");
            } else if (callerFirst && method.getAnnotation(Performs.class) == null) {
                unmarked.add(method.getName() + " has no @Performs");
            }
            assertThat(Arrays.stream(method.getParameterTypes()).skip(1)).as(method.getName()).doesNotContain(Caller.class);
        }
        assertThat(unmarked).isEmpty();
    }

    @Test
    void everyOperationIsPerformedByTheFacade() {
        Set<Operation> performed = facadeMethods().stream().map(m -> m.getAnnotation(Performs.class))
                .filter(a -> a != null).map(Performs::value).collect(Collectors.toCollection(() -> EnumSet.noneOf(Operation.class)));
        assertThat(performed).isEqualTo(EnumSet.allOf(Operation.class));
    }

    @Test
    void theTableGivesEachOperationOneStableNameAndTheIssuesRoles() {
        assertThat(Arrays.stream(Operation.values()).map(Operation::wireName).distinct()).hasSize(Operation.values().length);
        for (Operation op : Operation.values()) {
            assertThat(Operation.fromWireName(op.wireName())).isEqualTo(op);
            assertThat(op.wireName()).matches("[a-z_]+(\\.[a-z_]+)?");
            Role expected = switch (op.targetKind()) {
                case API_KEY, AUDIT_LOG -> Role.ADMIN;
                case CALLER -> null;
                default -> op.mutating() || op == Operation.PROGRAM_VALIDATE ? Role.EDITOR : Role.VIEWER;
            };
            assertThat(op.requiredRole()).as(op.wireName()).isEqualTo(expected);
            assertThat(op.audited()).as(op.wireName()).isEqualTo(op.mutating() && op != Operation.PIPELINE_INGRESS);
        }
    }

    @Test
    void aCallerWithoutTheRoleIsForbiddenAndNothingHappens() throws Exception {
        long tenantsBefore = count("SELECT COUNT(*) FROM tenant");
        long objectsBefore = count("SELECT (SELECT COUNT(*) FROM program) + (SELECT COUNT(*) FROM pipeline)");
        List<String> checked = new ArrayList<>();
        try (LogCapture log = LogCapture.stderr()) {
            for (Method method : performingMethods()) {
                Operation op = method.getAnnotation(Performs.class).value();
                if (op.requiredRole() == null) {
                    continue;
                }
                for (Set<Role> roles : rolesBelow(op.requiredRole())) {
                    Caller caller = new Caller(freshTenant(), "pat", roles, AuthMethod.API_KEY, "req-1", "10.0.0.1");
                    ManagerException refused = invoke(method, caller);
                    assertThat(refused).as(method.getName() + " as " + roles).isNotNull();
                    assertThat(refused.code()).as(method.getName() + " as " + roles).isEqualTo(ErrorCode.Forbidden);
                    assertThat(refused.details()).containsEntry("operation", op.wireName())
                            .containsEntry("required_role", op.requiredRole().wireName());
                    JsonNode event = lastAuditEvent(log);
                    assertThat(event.path("action").asText()).as(method.getName()).isEqualTo(op.wireName());
                    assertThat(event.path("outcome").asText()).isEqualTo("denied");
                    assertThat(event.path("error_code").asText()).isEqualTo("Forbidden");
                    assertThat(event.path("reason").asText()).isEqualTo("role");
                    assertThat(event.path("tenant").asText()).isEqualTo(caller.tenant());
                    assertThat(event.path("principal").asText()).isEqualTo("pat");
                    assertThat(event.path("auth_method").asText()).isEqualTo("api_key");
                    assertThat(event.path("request_id").asText()).isEqualTo("req-1");
                    assertThat(event.path("client_address").asText()).isEqualTo("10.0.0.1");
                    checked.add(op.wireName());
                }
            }
        }
        assertThat(checked).hasSizeGreaterThan(30);
        assertThat(count("SELECT COUNT(*) FROM tenant")).as("refused callers create no tenant").isEqualTo(tenantsBefore);
        assertThat(count("SELECT (SELECT COUNT(*) FROM program) + (SELECT COUNT(*) FROM pipeline)")).isEqualTo(objectsBefore);
    }

    @Test
    void theRequiredRoleAndAnyHigherOneAreLetThrough() throws Exception {
        for (Method method : performingMethods()) {
            Operation op = method.getAnnotation(Performs.class).value();
            for (Role role : Role.values()) {
                if (op.requiredRole() != null && !role.includes(op.requiredRole())) {
                    continue;
                }
                ManagerException failure = invoke(method, Caller.host(freshTenant(), "sam", role));
                // The arguments are placeholders: the call may fail, but not for want of a role.
                if (failure != null) {
                    assertThat(failure.code()).as(method.getName() + " as " + role)
                            .isNotIn(ErrorCode.Forbidden, ErrorCode.Unauthenticated);
                }
            }
        }
        Caller nobody = new Caller(freshTenant(), "nobody", Set.of(), AuthMethod.JWT, null, null);
        assertThat(manager.me(nobody)).as("me needs no role").isEqualTo(nobody);
    }

    @Test
    void aTenantNameBreakingTheRuleIsUnauthenticatedForEveryOperation() throws Exception {
        try (LogCapture log = LogCapture.stderr()) {
            for (Method method : performingMethods()) {
                ManagerException refused = invoke(method, Caller.host("Not A Tenant", "eve", Role.ADMIN));
                assertThat(refused).as(method.getName()).isNotNull();
                assertThat(refused.code()).as(method.getName()).isEqualTo(ErrorCode.Unauthenticated);
                JsonNode event = lastAuditEvent(log);
                assertThat(event.path("reason").asText()).isEqualTo("invalid_tenant");
                assertThat(event.has("tenant")).isFalse();
            }
        }
    }

    @Test
    void changesAreAuditedWithNamesAndIdsButNoCodeAndReadsAreNot() {
        String tenant = freshTenant();
        Caller editor = Caller.host(tenant, "ed", Role.EDITOR);
        try (LogCapture log = LogCapture.stderr()) {
            String id = manager.createProgram(editor, new ProgramSpec("shop", "", SQL)).id().toString();
            manager.updateProgram(editor, "shop", ProgramUpdate.code(SQL + " -- v2"));
            assertThatThrownBy(() -> manager.createProgram(editor, new ProgramSpec("shop", "", SQL)))
                    .isInstanceOfSatisfying(ManagerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DuplicateName));
            manager.listPrograms(editor);
            manager.getProgram(editor, "shop");
            manager.createPipeline(editor, new PipelineSpec("shop-1", "", "shop", null));
            manager.deletePipeline(editor, "shop-1");
            manager.deleteProgram(editor, id);

            List<JsonNode> events = auditEvents(log);
            assertThat(events).extracting(e -> e.path("action").asText() + " " + e.path("outcome").asText()
                            + " " + e.path("target_kind").asText() + " " + e.path("target_name").asText(""))
                    .containsExactly("tenant.create success tenant " + tenant,
                            "program.create success program shop",
                            "program.update success program shop",
                            "program.create failure program shop",
                            "pipeline.create success pipeline shop-1",
                            "pipeline.delete success pipeline shop-1",
                            "program.delete success program ");
            assertThat(events.get(1).path("target_id").asText()).isEqualTo(id);
            assertThat(events.get(3).path("error_code").asText()).isEqualTo("DuplicateName");
            assertThat(events.get(6).path("target_id").asText()).as("a UUID reference is an id").isEqualTo(id);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.path("tenant").asText()).isEqualTo(tenant);
                assertThat(e.path("principal").asText()).isEqualTo("ed");
                assertThat(e.path("auth_method").asText()).isEqualTo("host");
                assertThat(e.toString()).doesNotContain("CREATE TABLE");
            });
        }
    }

    private static List<Method> facadeMethods() {
        return Arrays.stream(PipelineManager.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .toList();
    }

    private static List<Method> performingMethods() {
        return facadeMethods().stream().filter(m -> m.isAnnotationPresent(Performs.class)).toList();
    }

    /** No role at all, and each role that does not include {@code required}. */
    private static List<Set<Role>> rolesBelow(Role required) {
        List<Set<Role>> below = new ArrayList<>();
        below.add(Set.of());
        for (Role role : Role.values()) {
            if (!role.includes(required)) {
                below.add(Set.of(role));
            }
        }
        return below;
    }

    /** Calls the method with placeholder arguments; returns the manager exception it threw, or null. */
    private ManagerException invoke(Method method, Caller caller) throws Exception {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        args[0] = caller;
        for (int i = 1; i < types.length; i++) {
            args[i] = placeholder(types[i]);
        }
        try {
            Object result = method.invoke(manager, args);
            if (result instanceof AutoCloseable closeable) {
                closeable.close();
            }
            return null;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ManagerException m) {
                return m;
            }
            if (e.getCause() instanceof RuntimeException) {
                return null; // a placeholder the method cannot use; what matters is that no refusal came first
            }
            throw e;
        }
    }

    private static Object placeholder(Class<?> type) {
        if (type == String.class) {
            return "x";
        } else if (type == boolean.class) {
            return false;
        } else if (type == long.class) {
            return 0L;
        } else if (type == ProgramSpec.class) {
            return new ProgramSpec("p", "", SQL);
        } else if (type == ProgramUpdate.class) {
            return ProgramUpdate.code(SQL);
        } else if (type == PipelineSpec.class) {
            return new PipelineSpec("l", "", "p", null);
        } else if (type == PipelineUpdate.class) {
            return new PipelineUpdate(null, "d", null, null, null);
        } else if (type == InputStream.class) {
            return new ByteArrayInputStream("{\"insert\": {\"x\": 1}}".getBytes());
        } else if (type == OutputStream.class) {
            return new ByteArrayOutputStream();
        } else if (type == ApiKeySpec.class) {
            return new ApiKeySpec("k", Role.VIEWER, null);
        } else if (type == AuditQuery.class) {
            return AuditQuery.latest();
        }
        return null;
    }

    private String freshTenant() {
        return "authz-" + tenants.incrementAndGet();
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<JsonNode> auditEvents(LogCapture log) {
        String marker = " " + LogAuditSink.LOGGER + " - ";
        List<JsonNode> events = new ArrayList<>();
        for (String line : log.lines()) {
            int at = line.indexOf(marker);
            if (at >= 0) {
                try {
                    events.add(JSON.readTree(line.substring(at + marker.length())));
                } catch (java.io.IOException e) {
                    throw new AssertionError("audit line is not JSON: " + line, e);
                }
            }
        }
        return events;
    }

    private static JsonNode lastAuditEvent(LogCapture log) {
        List<JsonNode> events = auditEvents(log);
        assertThat(events).as("audit events").isNotEmpty();
        return events.get(events.size() - 1);
    }
}
