package io.pipelinemanager.core.api;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;

import static io.pipelinemanager.core.api.PipelineStatus.FAILED;
import static io.pipelinemanager.core.api.PipelineStatus.INITIALIZING;
import static io.pipelinemanager.core.api.PipelineStatus.PAUSED;
import static io.pipelinemanager.core.api.PipelineStatus.PROVISIONING;
import static io.pipelinemanager.core.api.PipelineStatus.RUNNING;
import static io.pipelinemanager.core.api.PipelineStatus.STOPPED;
import static io.pipelinemanager.core.api.PipelineStatus.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;

class LifecycleTest {

    @Test
    void pipelineHappyPathFollowsTheTable() {
        PipelineStatus[] path = {STOPPED, PROVISIONING, INITIALIZING, PAUSED, RUNNING, PAUSED, RUNNING, STOPPING, STOPPED};
        for (int i = 1; i < path.length; i++) {
            assertThat(path[i - 1].canMoveTo(path[i])).as(path[i - 1] + " -> " + path[i]).isTrue();
        }
    }

    @Test
    void everyPipelineStatusIsReachableFromStoppedAndLeadsBackToIt() {
        assertThat(reachable(STOPPED)).containsExactlyInAnyOrder(PipelineStatus.values());
        for (PipelineStatus s : PipelineStatus.values()) {
            assertThat(reachable(s)).as("from " + s).contains(STOPPED);
        }
    }

    @Test
    void failedIsLeftOnlyThroughStoppingAndNeverSkipsProvisioning() {
        assertThat(FAILED.successors()).containsExactly(STOPPING);
        assertThat(STOPPED.successors()).containsExactly(PROVISIONING);
        assertThat(STOPPED.canMoveTo(RUNNING)).isFalse();
        for (PipelineStatus s : EnumSet.complementOf(EnumSet.of(STOPPED, STOPPING, FAILED))) {
            assertThat(s.canMoveTo(STOPPING)).as(s + " can be shut down").isTrue();
            assertThat(s.canMoveTo(FAILED)).as(s + " can fail").isTrue();
        }
    }

    @Test
    void desiredStatusRequests() {
        for (PipelineStatus actual : PipelineStatus.values()) {
            for (DesiredStatus current : DesiredStatus.values()) {
                assertThat(DesiredStatus.STOPPED.acceptsRequest(actual, current)).isTrue();
            }
        }
        assertThat(DesiredStatus.RUNNING.acceptsRequest(STOPPED, DesiredStatus.STOPPED)).isTrue();
        assertThat(DesiredStatus.RUNNING.acceptsRequest(PAUSED, DesiredStatus.PAUSED)).isTrue();
        assertThat(DesiredStatus.PAUSED.acceptsRequest(RUNNING, DesiredStatus.RUNNING)).isTrue();
        assertThat(DesiredStatus.RUNNING.acceptsRequest(FAILED, DesiredStatus.RUNNING)).isFalse();
        assertThat(DesiredStatus.PAUSED.acceptsRequest(STOPPING, DesiredStatus.STOPPED)).isFalse();
        // Shutting down (desired STOPPED, not yet stopped): a start must wait.
        assertThat(DesiredStatus.RUNNING.acceptsRequest(RUNNING, DesiredStatus.STOPPED)).isFalse();
    }

    @Test
    void programCompilesFromPendingAndEveryStatusReturnsToPending() {
        assertThat(ProgramStatus.PENDING.canMoveTo(ProgramStatus.COMPILING)).isTrue();
        assertThat(ProgramStatus.PENDING.canMoveTo(ProgramStatus.SUCCESS)).isFalse();
        for (ProgramStatus s : ProgramStatus.values()) {
            assertThat(s.canMoveTo(ProgramStatus.PENDING)).as(s + " -> PENDING").isTrue();
            assertThat(s.isFinal()).isEqualTo(EnumSet.of(ProgramStatus.SUCCESS, ProgramStatus.SQL_ERROR,
                    ProgramStatus.SYSTEM_ERROR).contains(s));
        }
        assertThat(ProgramStatus.COMPILING.successors()).contains(ProgramStatus.SUCCESS, ProgramStatus.SQL_ERROR,
                ProgramStatus.SYSTEM_ERROR);
    }

    private static Set<PipelineStatus> reachable(PipelineStatus from) {
        Set<PipelineStatus> seen = EnumSet.of(from);
        Deque<PipelineStatus> todo = new ArrayDeque<>(seen);
        while (!todo.isEmpty()) {
            for (PipelineStatus next : todo.pop().successors()) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return seen;
    }
}
