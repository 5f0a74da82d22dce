/**
 * Input rules shared by every adapter: name syntax, description and code size limits, pipeline
 * configuration ranges. Violations are {@link io.pipelinemanager.core.api.ManagerException}s with
 * stable codes, raised before anything is written.
 */
package io.pipelinemanager.core.internal.validation;
