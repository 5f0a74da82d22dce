package io.pipelinemanager.core.api;

import java.time.Instant;

/**
 * What an administrator submits to create an API key.
 *
 * @param name      the key's name: the program/pipeline name rules (1–63 of letters, digits, {@code -} and
 *                  {@code _}); unique in the tenant
 * @param role      the role the key grants (required)
 * @param expiresAt when the key stops working, in the future; {@code null} for a key that does not expire
 */
public record ApiKeySpec(String name, Role role, Instant expiresAt) {
}
