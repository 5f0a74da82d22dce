/**
 * Work leases: how several manager instances on one database share background work (compiling
 * programs, running pipelines) without doing it twice. A lease names its owner and expires; an
 * instance that dies stops renewing, and another one takes the work over.
 */
package io.pipelinemanager.core.internal.lease;
