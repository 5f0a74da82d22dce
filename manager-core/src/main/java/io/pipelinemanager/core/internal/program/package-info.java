/**
 * Programs: creation, partial updates (a code edit bumps the version and sends the program back
 * to compilation), deletion guarded by pipeline use. All work runs through the store in one
 * transaction per operation; a program created or edited wakes the compiler once committed, and each stored
 * compilation result wakes the reconcilers (see {@link io.pipelinemanager.core.internal.wakeup}).
 */
package io.pipelinemanager.core.internal.program;
