/**
 * API keys: their text ({@link io.pipelinemanager.core.internal.apikey.ApiKeyFormat}), their argon2id hashes
 * ({@link io.pipelinemanager.core.internal.apikey.Argon2idHasher}, BouncyCastle) and their life — creation,
 * listing, revocation and the authentication of a presented key
 * ({@link io.pipelinemanager.core.internal.apikey.ApiKeyService}).
 */
package io.pipelinemanager.core.internal.apikey;
