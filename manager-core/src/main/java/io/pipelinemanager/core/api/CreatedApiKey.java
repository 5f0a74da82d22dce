package io.pipelinemanager.core.api;

import java.util.Objects;

/**
 * A newly created API key with its secret — the only time the secret is ever shown: the manager keeps
 * just an argon2id hash of it. {@link #toString()} leaves the secret out, so logging this record does not
 * leak it.
 *
 * @param key    the stored key, as {@link ApiKey} shows it later
 * @param secret the whole bearer credential, {@code pm_<lookup-id>_<secret>}: send it as
 *               {@code Authorization: Bearer <secret>}
 */
public record CreatedApiKey(ApiKey key, String secret) {

    public CreatedApiKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "CreatedApiKey[key=" + key + ", secret=(hidden)]";
    }
}
