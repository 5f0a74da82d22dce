/**
 * The in-process runner: the reconciler that drives pipelines' actual status towards the desired
 * one (under work leases), one {@link io.pipelinemanager.core.internal.runner.PipelineRunner} per
 * running pipeline with its circuit, input buffer and step loop, and view subscriptions with
 * bounded queues. State lives in memory only: a restarted pipeline starts empty.
 */
package io.pipelinemanager.core.internal.runner;
