package io.pipelinemanager.core.internal.runner;

import java.time.Duration;

/**
 * The limits of view subscriptions: a subscriber's queue in steps and in (estimated encoded) bytes,
 * how many subscriptions one pipeline and the whole instance serve at once, and how long an idle
 * stream waits before it writes a keep-alive line.
 */
public record EgressLimits(int queueSteps, long queueBytes, int perPipeline, int perInstance, Duration keepAlive) {

    public EgressLimits {
        if (queueSteps < 1 || queueBytes < 1 || perPipeline < 1 || perInstance < 1
                || keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("egress limits must be positive: " + queueSteps + ", " + queueBytes
                    + ", " + perPipeline + ", " + perInstance + ", " + keepAlive);
        }
    }
}
