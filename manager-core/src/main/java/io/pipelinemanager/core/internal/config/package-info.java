/**
 * Configuration: every {@code pm.*} key is declared once in {@link io.pipelinemanager.core.internal.config.ConfigKey},
 * mapped to typed values by {@link io.pipelinemanager.core.internal.config.ManagerSettings} (a SmallRye Config
 * {@code @ConfigMapping}) and read from layers (defaults, file, environment, system properties, builder) by
 * {@link io.pipelinemanager.core.internal.config.ManagerConfig}. Unknown keys given explicitly are errors; the
 * process's other variables and properties are ignored.
 */
package io.pipelinemanager.core.internal.config;
