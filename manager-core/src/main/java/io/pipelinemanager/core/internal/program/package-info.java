/**
 * Programs: creation, partial updates (a code edit bumps the version and sends the program back
 * to compilation), deletion guarded by pipeline use. All work runs through the store in one
 * transaction per operation.
 */
package io.pipelinemanager.core.internal.program;
