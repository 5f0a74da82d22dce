package io.pipelinemanager.core.internal.access;

import io.pipelinemanager.core.api.AuditOutcome;
import io.pipelinemanager.core.api.AuthMethod;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Operation;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.Program;
import io.pipelinemanager.core.api.TargetKind;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.audit.AuditEntry;
import io.pipelinemanager.core.internal.audit.AuditSink;
import io.pipelinemanager.core.internal.tenant.TenantDirectory;
import io.pipelinemanager.core.internal.validation.SpecRules;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one place where the manager decides what a caller may do, used by the facade at the start of
 * every call. In order: the caller's tenant name must follow the rule ({@code Unauthenticated}
 * otherwise), its roles must allow the {@link Operation} ({@code Forbidden} otherwise) — a refused
 * call does nothing at all, not even create the tenant — then the tenant is resolved (created on first
 * use) and the work runs with its id. Refusals, tenant creations and every call of an
 * {@linkplain Operation#audited() audited} operation (success or failure) go to the {@link AuditSink}.
 */
public final class AccessControl {

    /** Longest target reference recorded in the audit log (a longer one is cut; it names nothing anyway). */
    static final int MAX_TARGET_LENGTH = 128;

    private final TenantDirectory tenants;
    private final AuditSink audit;
    private final Supplier<Instant> now;

    public AccessControl(TenantDirectory tenants, AuditSink audit, Supplier<Instant> now) {
        this.tenants = tenants;
        this.audit = audit;
        this.now = now;
    }

    /**
     * Authorizes {@code caller} for {@code operation} and returns its tenant's id; the caller then does
     * the work itself. Only for operations that are not {@linkplain Operation#audited() audited}.
     *
     * @param target what the caller named (a reference or a name), for the audit log; may be {@code null}
     */
    public TenantId enter(Caller caller, Operation operation, String target) {
        if (operation.audited()) {
            throw new IllegalArgumentException(operation + " is audited: use call()");
        }
        authorize(caller, operation, target);
        return resolve(caller);
    }

    /**
     * Authorizes {@code caller} for {@code operation}, runs {@code work} with its tenant's id and, for an
     * audited operation, records how it ended (the target's name and id taken from the result when it is
     * a program or pipeline).
     */
    public <T> T call(Caller caller, Operation operation, String target, Function<TenantId, T> work) {
        authorize(caller, operation, target);
        if (!operation.audited()) {
            return work.apply(resolve(caller));
        }
        T result;
        try {
            result = work.apply(resolve(caller));
        } catch (ManagerException e) {
            record(caller, caller.tenant(), operation.wireName(), operation.targetKind(), target, null,
                    AuditOutcome.FAILURE, e.code(), null);
            throw e;
        } catch (RuntimeException e) {
            record(caller, caller.tenant(), operation.wireName(), operation.targetKind(), target, null,
                    AuditOutcome.FAILURE, ErrorCode.InternalError, null);
            throw e;
        }
        if (result instanceof Program p) {
            record(caller, caller.tenant(), operation.wireName(), operation.targetKind(), p.name(),
                    p.id().toString(), AuditOutcome.SUCCESS, null, null);
        } else if (result instanceof Pipeline p) {
            record(caller, caller.tenant(), operation.wireName(), operation.targetKind(), p.name(),
                    p.id().toString(), AuditOutcome.SUCCESS, null, null);
        } else {
            record(caller, caller.tenant(), operation.wireName(), operation.targetKind(), target, null,
                    AuditOutcome.SUCCESS, null, null);
        }
        return result;
    }

    /** {@link #call} for work without a result. */
    public void run(Caller caller, Operation operation, String target, java.util.function.Consumer<TenantId> work) {
        call(caller, operation, target, tenant -> {
            work.accept(tenant);
            return null;
        });
    }

    /** Longest reason recorded for an authentication an adapter refused. */
    static final int MAX_REASON_LENGTH = 64;

    /**
     * Records an authentication an adapter refused (no credentials, a malformed header, a JWT that did not
     * verify): no tenant, principal {@value AuditEntry#UNKNOWN_PRINCIPAL}, action {@value AuditEntry#AUTHENTICATE}, outcome
     * denied.
     */
    public void refusedAuthentication(AuthMethod method, String reason, String requestId, String clientAddress) {
        String why = reason == null ? null : clip(reason);
        audit.record(new AuditEntry(now.get(), null, AuditEntry.UNKNOWN_PRINCIPAL,
                method == null ? AuthMethod.NONE : method, AuditEntry.AUTHENTICATE, null, null, null, AuditOutcome.DENIED, ErrorCode.Unauthenticated,
                why == null || why.length() <= MAX_REASON_LENGTH ? why : why.substring(0, MAX_REASON_LENGTH),
                requestId, clientAddress));
    }

    private void authorize(Caller caller, Operation operation, String target) {
        Objects.requireNonNull(caller, "caller");
        try {
            TenantDirectory.checkName(caller.tenant());
        } catch (ManagerException e) {
            record(caller, null, operation.wireName(), operation.targetKind(), target, null, AuditOutcome.DENIED,
                    e.code(), AuditEntry.REASON_INVALID_TENANT);
            throw e;
        }
        if (!operation.permits(caller)) {
            record(caller, caller.tenant(), operation.wireName(), operation.targetKind(), target, null,
                    AuditOutcome.DENIED, ErrorCode.Forbidden, AuditEntry.REASON_ROLE);
            throw new ManagerException(ErrorCode.Forbidden,
                    "The caller's role does not allow " + operation.wireName() + " (it needs the "
                            + operation.requiredRole().wireName() + " role)",
                    Map.of("operation", operation.wireName(), "required_role", operation.requiredRole().wireName()));
        }
    }

    private TenantId resolve(Caller caller) {
        return tenants.resolve(caller.tenant(), caller.principal(), created -> record(caller, caller.tenant(), AuditEntry.TENANT_CREATE,
                TargetKind.TENANT, caller.tenant(), created.toString(), AuditOutcome.SUCCESS, null, null));
    }

    private void record(Caller caller, String tenant, String action, TargetKind kind, String target, String targetId,
                        AuditOutcome outcome, ErrorCode code, String reason) {
        String name = target;
        String id = targetId;
        if (id == null && target != null && SpecRules.isUuid(target)) {
            id = target;
            name = null;
        }
        audit.record(new AuditEntry(now.get(), tenant, caller.principal(), caller.authMethod(), action,
                kind.wireName(), clip(name), clip(id), outcome, code, reason, caller.requestId(), caller.clientAddress()));
    }

    /** A caller-given text fit for the log: bounded, without NUL. */
    private static String clip(String text) {
        if (text == null) {
            return null;
        }
        String clean = text.replace('\0', '?');
        return clean.length() <= MAX_TARGET_LENGTH ? clean : clean.substring(0, MAX_TARGET_LENGTH) + "...";
    }
}
