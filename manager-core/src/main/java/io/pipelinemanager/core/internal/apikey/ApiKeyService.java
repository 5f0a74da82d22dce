package io.pipelinemanager.core.internal.apikey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.pipelinemanager.core.api.ApiKey;
import io.pipelinemanager.core.api.ApiKeySpec;
import io.pipelinemanager.core.api.AuditOutcome;
import io.pipelinemanager.core.api.AuthMethod;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.CreatedApiKey;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.TargetKind;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.audit.AuditEntry;
import io.pipelinemanager.core.internal.audit.AuditSink;
import io.pipelinemanager.core.internal.store.Store;
import io.pipelinemanager.core.internal.store.StoredApiKey;
import io.pipelinemanager.core.internal.validation.SpecRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * API keys: creation (the secret is returned once and only its argon2id hash is stored), listing, revocation,
 * and the authentication of a presented key.
 *
 * <h2>Authentication</h2>
 * A presented key is parsed ({@link ApiKeyFormat}), its row read by lookup id — <b>on every request</b>, an
 * indexed read, so a revocation or expiry written by any instance is seen at once by all — and its secret
 * verified. The argon2id verification (tens of milliseconds) is cached for {@link #VERIFIED_TTL} in a Caffeine
 * cache keyed by the SHA-256 of the presented text and bound to the row's hash; the cache never decides
 * whether the key is revoked or expired. Wrong keys are never cached. Every refusal is an audit event whose
 * {@code reason} says why ({@code missing}, {@code malformed}, {@code unknown_key}, {@code wrong_secret},
 * {@code revoked}, {@code expired}); the caller's error says only that the key is not accepted.
 * {@code last_used_at} is written at most once per {@link #LAST_USED_GRANULARITY} per key: a conditional update
 * that one instance wins, attempted at most once per period by each instance.
 */
public final class ApiKeyService {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyService.class);

    /** How long a successful verification of a presented key is remembered. */
    public static final Duration VERIFIED_TTL = Duration.ofMinutes(1);
    /** Resolution of {@code last_used_at}. */
    public static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);
    /** Presented keys whose verification is remembered at most. */
    static final long VERIFIED_MAX_ENTRIES = 10_000;
    /** The principal that makes the first keys, without a caller of its own (the facade's bootstrap). */
    public static final String BOOTSTRAP_PRINCIPAL = "bootstrap";

    private static final String NOT_ACCEPTED = "The API key is not accepted";

    private final Store store;
    private final Supplier<Instant> now;
    private final Argon2idHasher hasher;
    private final SecureRandom random;
    private final AuditSink audit;
    /** SHA-256 (hex) of a presented key → the stored hash it was verified against. */
    private final Cache<String, String> verified;
    /** Keys whose last use this instance wrote (or tried to) within the last period. */
    private final Cache<UUID, Boolean> recentlyTouched;
    private final AtomicLong hashVerifications = new AtomicLong();
    private final AtomicLong cachedVerifications = new AtomicLong();

    /**
     * @param audit where refused authentications go (the audit log)
     */
    public ApiKeyService(Store store, Supplier<Instant> now, Argon2idHasher hasher, SecureRandom random,
                         AuditSink audit) {
        this.store = store;
        this.now = now;
        this.hasher = hasher;
        this.random = random;
        this.audit = audit;
        // Both caches age by the manager's clock, like every other time the manager keeps.
        Ticker ticker = () -> {
            Instant t = now.get();
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        };
        this.verified = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(VERIFIED_TTL)
                .maximumSize(VERIFIED_MAX_ENTRIES).build();
        this.recentlyTouched = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(LAST_USED_GRANULARITY).build();
    }

    /**
     * Creates a key in {@code tenant} (named {@code tenantName}) for {@code createdBy}; the result carries the
     * secret, which is never shown again.
     *
     * @throws ManagerException {@code InvalidName}, {@code InvalidRequest} (no role, expiry not in the future),
     *                          {@code DuplicateName} (also the name of a revoked key)
     */
    public CreatedApiKey create(TenantId tenant, String tenantName, String createdBy, ApiKeySpec spec) {
        if (spec == null) {
            throw new ManagerException(ErrorCode.InvalidRequest, "The API key's name and role are required", Map.of());
        }
        String name = SpecRules.name(spec.name());
        if (spec.role() == null) {
            throw new ManagerException(ErrorCode.InvalidRequest, "The API key's role is required (viewer, editor or admin)",
                    Map.of("field", "role"));
        }
        Instant created = now.get();
        if (spec.expiresAt() != null && !spec.expiresAt().isAfter(created)) {
            throw new ManagerException(ErrorCode.InvalidRequest, "The expiry time must be in the future",
                    Map.of("field", "expires_at"));
        }
        if (store.read(s -> s.findApiKey(tenant, name)).isPresent()) {
            SpecRules.uniqueName("API key", name, true);
        }
        ApiKeyFormat.NewKey key = ApiKeyFormat.generate(random);
        // Hashing takes tens of milliseconds: done before the transaction, which then holds a connection briefly.
        StoredApiKey row = new StoredApiKey(UUID.randomUUID(), tenant, tenantName, name, key.lookupId(),
                hasher.hash(key.text()), spec.role(), created, createdBy, spec.expiresAt(), null, null);
        store.write(s -> {
            s.insertApiKey(row);
            return null;
        });
        return new CreatedApiKey(view(row, created), key.text());
    }

    /** All keys of the tenant (revoked and expired ones too), ordered by name. */
    public List<ApiKey> list(TenantId tenant) {
        Instant at = now.get();
        return store.read(s -> s.listApiKeys(tenant)).stream().map(k -> view(k, at)).toList();
    }

    /** The tenant's key with that name; {@code UnknownApiKey} when there is none. */
    public ApiKey get(TenantId tenant, String name) {
        String checked = SpecRules.ref(name);
        return view(store.read(s -> s.findApiKey(tenant, checked)).orElseThrow(() -> unknown(checked)), now.get());
    }

    /**
     * Revokes the tenant's key with that name: from now on it authenticates nothing, on every instance. Revoking
     * a revoked key changes nothing. Returns the key as it is now.
     */
    public ApiKey revoke(TenantId tenant, String name) {
        String checked = SpecRules.ref(name);
        Instant at = now.get();
        StoredApiKey key = store.write(s -> {
            s.revokeApiKey(tenant, checked, at);
            return s.findApiKey(tenant, checked);
        }).orElseThrow(() -> unknown(checked));
        return view(key, at);
    }

    private static ManagerException unknown(String name) {
        return new ManagerException(ErrorCode.UnknownApiKey, "No API key named '" + name + "'",
                Map.of("name", String.valueOf(name)));
    }

    private static ApiKey view(StoredApiKey k, Instant at) {
        return new ApiKey(k.name(), ApiKeyFormat.prefix(k.lookupId()), k.role(),
                ApiKey.Status.of(k.expiresAt(), k.revokedAt(), at), k.createdAt(), k.createdBy(), k.expiresAt(),
                k.revokedAt(), k.lastUsedAt());
    }

    /**
     * The caller a presented bearer key stands for: its tenant, principal {@code api-key:<name>}, its role and
     * {@link AuthMethod#API_KEY}, with the request's origin for the audit log.
     *
     * @param presented     the bearer credential as received (without {@code Bearer })
     * @param requestId     the request's id for the audit log, or {@code null}
     * @param clientAddress the client's address for the audit log, or {@code null}
     * @throws ManagerException {@code Unauthenticated} for a missing, malformed, unknown, wrong, revoked or expired
     *                          key (the same message for all; the audit event tells them apart);
     *                          {@code DatabaseUnavailable} when the key cannot be read
     */
    public Caller authenticate(String presented, String requestId, String clientAddress) {
        if (presented == null || presented.isBlank()) {
            throw refused("missing", null, null, null, requestId, clientAddress);
        }
        Optional<String> lookupId = ApiKeyFormat.lookupId(presented);
        if (lookupId.isEmpty()) {
            throw refused("malformed", null, null, null, requestId, clientAddress);
        }
        Optional<StoredApiKey> found = store.read(s -> s.findApiKeyByLookupId(lookupId.get()));
        if (found.isEmpty()) {
            throw refused("unknown_key", null, null, ApiKeyFormat.prefix(lookupId.get()), requestId, clientAddress);
        }
        StoredApiKey key = found.get();
        if (!secretMatches(presented, key)) {
            throw refused("wrong_secret", key.tenantName(), key.name(), key.id().toString(), requestId, clientAddress);
        }
        Instant at = now.get();
        if (key.revokedAt() != null) {
            throw refused("revoked", key.tenantName(), key.name(), key.id().toString(), requestId, clientAddress);
        }
        if (key.expiresAt() != null && !at.isBefore(key.expiresAt())) {
            throw refused("expired", key.tenantName(), key.name(), key.id().toString(), requestId, clientAddress);
        }
        recordUse(key, at);
        return new Caller(key.tenantName(), principal(key.name()), Set.of(key.role()), AuthMethod.API_KEY, requestId,
                clientAddress);
    }

    /** The principal of requests made with the key named {@code name}. */
    public static String principal(String name) {
        return "api-key:" + name;
    }

    private boolean secretMatches(String presented, StoredApiKey key) {
        String digest = sha256(presented);
        if (key.hash().equals(verified.getIfPresent(digest))) {
            cachedVerifications.incrementAndGet();
            return true;
        }
        hashVerifications.incrementAndGet();
        boolean matches = hasher.verify(presented, key.hash());
        if (matches) {
            verified.put(digest, key.hash());
        }
        return matches;
    }

    /** Writes the key's last use unless it is recent enough; a failure to write it is logged, never fatal. */
    private void recordUse(StoredApiKey key, Instant at) {
        Instant staleBefore = at.minus(LAST_USED_GRANULARITY);
        if (key.lastUsedAt() != null && !key.lastUsedAt().isBefore(staleBefore)) {
            return;
        }
        if (recentlyTouched.asMap().putIfAbsent(key.id(), Boolean.TRUE) != null) {
            return;
        }
        try {
            store.write(s -> s.touchApiKey(key.id(), at, staleBefore));
        } catch (RuntimeException e) {
            LOG.warn("Could not record the use of API key {}/{}: {}", key.tenantName(), key.name(), e.toString());
        }
    }

    private ManagerException refused(String reason, String tenant, String keyName, String targetId, String requestId,
                                     String clientAddress) {
        String principal = keyName == null ? AuditEntry.UNKNOWN_PRINCIPAL : principal(keyName);
        audit.record(new AuditEntry(now.get(), tenant, principal, AuthMethod.API_KEY, AuditEntry.AUTHENTICATE,
                TargetKind.API_KEY.wireName(), keyName, targetId, AuditOutcome.DENIED, ErrorCode.Unauthenticated, reason,
                requestId, clientAddress));
        return new ManagerException(ErrorCode.Unauthenticated, NOT_ACCEPTED, Map.of());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Argon2id verifications done since start (cache misses). */
    public long hashVerifications() {
        return hashVerifications.get();
    }

    /** Verifications answered from the cache since start. */
    public long cachedVerifications() {
        return cachedVerifications.get();
    }
}
