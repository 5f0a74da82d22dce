/**
 * The in-process runner: the reconciler that drives pipelines' actual status towards the desired
 * one (under work leases; woken by the signals of {@link io.pipelinemanager.core.internal.wakeup}, with its
 * interval as the fallback), {@code BackgroundWork} running the background loops, one {@link io.pipelinemanager.core.internal.runner.PipelineRunner} per
 * running pipeline with its circuit, input buffer and step loop, and view subscriptions with
 * bounded queues. {@code Durability} journals ingress before it is acknowledged and writes checkpoints to the
 * {@link io.pipelinemanager.core.internal.checkpoint.CheckpointStore}, so a restarted pipeline resumes.
 */
package io.pipelinemanager.core.internal.runner;
