package io.pipelinemanager.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests set and advance by hand (thread-safe), read as UTC. */
public final class ManualClock extends Clock {
    private volatile Instant instant;

    /** A clock showing {@code time} (UTC). */
    public ManualClock(LocalDateTime time) {
        this.instant = time.toInstant(ZoneOffset.UTC);
    }

    /** Sets the time (UTC); it may go back. */
    public ManualClock set(LocalDateTime time) {
        this.instant = time.toInstant(ZoneOffset.UTC);
        return this;
    }

    /** Moves the time forward by {@code d}. */
    public ManualClock advance(Duration d) {
        this.instant = instant.plus(d);
        return this;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a manual clock is UTC");
    }

    @Override
    public Instant instant() {
        return instant;
    }
}
