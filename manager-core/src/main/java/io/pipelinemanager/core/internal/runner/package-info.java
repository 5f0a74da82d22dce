/**
 * The in-process runner: the reconciler that drives pipelines' actual status towards the desired
 * one (under work leases; woken by the signals of {@link io.pipelinemanager.core.internal.wakeup}, with its
 * interval as the fallback), {@code BackgroundWork} running the background loops, one {@link io.pipelinemanager.core.internal.runner.PipelineRunner} per
 * running pipeline with its circuit, input buffer and step loop, the {@link io.pipelinemanager.core.internal.runner.StepScheduler}
 * whose few worker threads (sized to the machine) take the turns of every pipeline's step loop, so a pipeline holds
 * a thread only while it has work, and view subscriptions with bounded queues. {@code Durability} journals ingress before it is acknowledged and writes checkpoints to the
 * {@link io.pipelinemanager.core.internal.checkpoint.CheckpointStore}, so a restarted pipeline resumes.
 */
package io.pipelinemanager.core.internal.runner;
