/**
 * Embedding the manager in a host application: the quick start of the README as a runnable
 * program. It uses only the facade and {@code core.api}, as every host should.
 */
package io.pipelinemanager.samples.embedded;
