package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.internal.engine.zset.ZSet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The views' outputs of a pipeline's most recent steps, so that an egress subscriber reconnecting with the last
 * step it saw gets the steps after it without a gap or a duplicate. Every step of this run is recorded in order
 * (steps replayed from the journal at start included; one that changed no view costs one entry), bounded by a
 * number of steps and an estimate of bytes: the oldest are forgotten first. Guarded by the runner's circuit lock.
 */
final class RecentSteps {

    /** One step's non-empty view outputs. */
    record Step(long step, Map<String, ZSet> outputs, long bytes) {
    }

    private final int maxSteps;
    private final long maxBytes;
    private final ArrayDeque<Step> steps = new ArrayDeque<>();
    private long bytes;

    RecentSteps(int maxSteps, long maxBytes) {
        this.maxSteps = maxSteps;
        this.maxBytes = maxBytes;
    }

    /** Records the outputs of step {@code step}, the one after the last recorded (if any). */
    void record(long step, Map<String, ZSet> outputs) {
        Map<String, ZSet> changed = new HashMap<>();
        long size = 0;
        for (Map.Entry<String, ZSet> e : outputs.entrySet()) {
            if (!e.getValue().isEmpty()) {
                changed.put(e.getKey(), e.getValue());
                size += ChangeSizes.estimate(e.getValue());
            }
        }
        if (!steps.isEmpty() && steps.peekLast().step() != step - 1) {
            steps.clear(); // not consecutive (never expected): start over rather than leave a gap
            bytes = 0;
        }
        steps.addLast(new Step(step, changed, size));
        bytes += size;
        while (steps.size() > maxSteps || (bytes > maxBytes && steps.size() > 1)) {
            bytes -= steps.removeFirst().bytes();
        }
    }

    /**
     * The outputs of {@code view} in every step after {@code after} up to {@code current}, oldest first (steps
     * that did not change it left out), or null when some of those steps are no longer (or were never) held here.
     */
    List<Step> since(String view, long after, long current) {
        if (after >= current) {
            return List.of();
        }
        if (steps.isEmpty() || steps.peekFirst().step() > after + 1 || steps.peekLast().step() != current) {
            return null;
        }
        List<Step> out = new ArrayList<>();
        for (Step s : steps) {
            ZSet delta = s.outputs().get(view);
            if (s.step() > after && delta != null) {
                out.add(new Step(s.step(), Map.of(view, delta), ChangeSizes.estimate(delta)));
            }
        }
        return out;
    }

    /** The oldest step whose outputs are held, or -1 when none is. */
    long oldest() {
        return steps.isEmpty() ? -1 : steps.peekFirst().step();
    }
}
