/**
 * Configuration: every {@code pm.*} key is declared once in {@link io.pipelinemanager.core.internal.config.ConfigKey}
 * and read, typed and layered (defaults, file, environment, builder) by
 * {@link io.pipelinemanager.core.internal.config.ManagerConfig} on SmallRye Config. Unknown keys are errors.
 */
package io.pipelinemanager.core.internal.config;
