package io.pipelinemanager.core.internal.lease;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.store.Lease;
import io.pipelinemanager.core.internal.store.Store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Claims background work for this manager instance. A claim succeeds when the work has no lease,
 * an expired one, or one of ours; each claim is its own version-guarded transaction, so of two
 * instances racing for the same work exactly one wins. Held leases are renewed by
 * {@link #renewHeld()} (called well within the lifetime), so long work such as a cold compilation
 * is never taken over while its owner lives; a claim of a lease held for more than half its
 * lifetime more is answered without a database round trip. Instances' clocks must agree to well
 * within the lifetime.
 */
public final class Leases {

    private final Store store;
    private final String owner;
    private final Duration ttl;
    private final Supplier<Instant> now;
    private final Map<String, Instant> held = new ConcurrentHashMap<>();

    public Leases(Store store, String owner, Duration ttl, Supplier<Instant> now) {
        this.store = store;
        this.owner = owner;
        this.ttl = ttl;
        this.now = now;
    }

    /** This instance's owner id. */
    public String owner() {
        return owner;
    }

    /** The lifetime of a lease without renewal. */
    public Duration ttl() {
        return ttl;
    }

    /** Claims or renews the lease; false when another live instance holds it or won the race. */
    public boolean claim(String kind, UUID resourceId) {
        Instant localExpiry = held.get(key(kind, resourceId));
        if (localExpiry != null && localExpiry.isAfter(now.get().plus(ttl.dividedBy(2)))) {
            return true;
        }
        boolean claimed = claimInStore(kind, resourceId);
        if (claimed) {
            held.put(key(kind, resourceId), now.get().plus(ttl));
        } else {
            held.remove(key(kind, resourceId));
        }
        return claimed;
    }

    /** Renews every lease this instance holds; leases lost meanwhile are forgotten. */
    public void renewHeld() {
        for (String key : List.copyOf(held.keySet())) {
            int slash = key.indexOf('/');
            String kind = key.substring(0, slash);
            UUID id = UUID.fromString(key.substring(slash + 1));
            if (claimInStore(kind, id)) {
                held.computeIfPresent(key, (k, v) -> now.get().plus(ttl));
            } else {
                held.remove(key);
            }
        }
    }

    private static String key(String kind, UUID resourceId) {
        return kind + "/" + resourceId;
    }

    private boolean claimInStore(String kind, UUID resourceId) {
        try {
            return store.write(s -> {
                Instant at = now.get();
                Optional<Lease> current = s.findLease(kind, resourceId);
                Lease mine = new Lease(kind, resourceId, owner, at.plus(ttl));
                if (current.isEmpty()) {
                    s.insertLease(mine);
                    return true;
                }
                if (!current.get().owner().equals(owner) && !current.get().isExpired(at)) {
                    return false;
                }
                s.saveLease(mine);
                return true;
            });
        } catch (ManagerException e) {
            if (e.code() == ErrorCode.OutdatedVersion) {
                return false;
            }
            throw e;
        }
    }

    /** Whether this instance holds a live lease on the work. */
    public boolean holds(String kind, UUID resourceId) {
        return store.read(s -> s.findLease(kind, resourceId)
                .filter(l -> l.owner().equals(owner) && !l.isExpired(now.get())).isPresent());
    }

    /** Gives the work up if this instance holds it. */
    public void release(String kind, UUID resourceId) {
        held.remove(key(kind, resourceId));
        try {
            store.write(s -> {
                s.findLease(kind, resourceId).filter(l -> l.owner().equals(owner))
                        .ifPresent(l -> s.deleteLease(kind, resourceId));
                return null;
            });
        } catch (ManagerException e) {
            if (e.code() != ErrorCode.OutdatedVersion) {
                throw e;
            }
        }
    }
}
