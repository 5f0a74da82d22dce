package io.pipelinemanager.core.internal.tenant;

import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.store.Store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Maps tenant names (as callers carry them) to tenant ids. A tenant is created the first time an
 * authenticated caller uses its name; tenants are never deleted, so a name once resolved is cached for
 * the life of the manager. Two instances creating the same tenant at once both succeed: the loser of
 * the insert race (the name is unique) reads the winner's row.
 *
 * <p>Tenant name rule: 1–63 characters of lower-case letters, digits, {@code .}, {@code -} and
 * {@code _}, starting and ending with a letter or digit. Lower case only, so that {@code Acme} and
 * {@code acme} can never be two tenants. A name comes from credentials (an API key, a JWT claim, the
 * host), so a bad one is {@code Unauthenticated}, not a client input error.
 */
public final class TenantDirectory {

    /** Longest allowed tenant name. */
    public static final int MAX_NAME_LENGTH = 63;

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?");

    /** Characters of a refused name echoed back in the error details. */
    private static final int ECHO_LENGTH = 64;

    private final Store store;
    private final Supplier<Instant> now;
    private final Map<String, TenantId> ids = new ConcurrentHashMap<>();

    public TenantDirectory(Store store, Supplier<Instant> now) {
        this.store = store;
        this.now = now;
        ids.put(Caller.DEFAULT_TENANT, TenantId.DEFAULT);
    }

    /**
     * The id of the tenant named {@code name}, creating the tenant if it does not exist yet.
     *
     * @param createdBy the principal recorded as the tenant's creator ({@code tenant.created_by}) if this call
     *                  creates it
     * @param created   told the new tenant's id when this call created it (for the audit log)
     * @throws ManagerException {@code Unauthenticated} when the name breaks the tenant name rule
     */
    public TenantId resolve(String name, String createdBy, Consumer<TenantId> created) {
        String checked = checkName(name);
        TenantId known = ids.get(checked);
        if (known != null) {
            return known;
        }
        TenantId id = lookUpOrCreate(checked, createdBy, created);
        ids.putIfAbsent(checked, id);
        return id;
    }

    private TenantId lookUpOrCreate(String name, String createdBy, Consumer<TenantId> created) {
        Optional<TenantId> existing = store.read(s -> s.findTenantByName(name));
        if (existing.isPresent()) {
            return existing.get();
        }
        TenantId fresh = new TenantId(UUID.randomUUID());
        try {
            store.write(s -> {
                s.insertTenant(fresh, name, now.get(), createdBy);
                return null;
            });
        } catch (ManagerException e) {
            if (e.code() != ErrorCode.DuplicateName) {
                throw e;
            }
            // Another instance (or thread) created it between our read and our insert: use its row.
            return store.read(s -> s.findTenantByName(name)).orElseThrow(() -> e);
        }
        created.accept(fresh);
        return fresh;
    }

    /**
     * Checks a tenant name against the rule (see the class comment).
     *
     * @throws ManagerException {@code Unauthenticated} naming the rule when it is broken
     */
    public static String checkName(String name) {
        if (name != null && NAME.matcher(name).matches()) {
            return name;
        }
        String shown = name == null ? "null" : name.replace('\0', '?');
        if (shown.length() > ECHO_LENGTH) {
            shown = shown.substring(0, ECHO_LENGTH) + "...";
        }
        throw new ManagerException(ErrorCode.Unauthenticated,
                "The credentials name an invalid tenant: a tenant name must be 1-" + MAX_NAME_LENGTH
                        + " characters of lower-case letters, digits, '.', '-' and '_', starting and ending"
                        + " with a letter or digit", Map.of("tenant", shown));
    }
}
