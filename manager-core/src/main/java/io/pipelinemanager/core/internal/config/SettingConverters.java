package io.pipelinemanager.core.internal.config;

import org.eclipse.microprofile.config.spi.Converter;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The value forms of {@link ManagerSettings} that SmallRye Config has no converter for: integers and
 * milliseconds with a lower bound, and booleans that are only {@code true} or {@code false} (SmallRye's
 * own reads any other word as false). A rejected value becomes {@code InvalidConfig} naming the key,
 * the value and {@link ConfigKey#expected()}.
 */
public final class SettingConverters {

    private SettingConverters() {
    }

    /** {@code true} or {@code false}, in any case. */
    public static final class StrictBoolean implements Converter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("expected true or false");
            };
        }
    }

    /** An integer of at least 0. */
    public static final class Count implements Converter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) between(value, 0, Integer.MAX_VALUE);
        }
    }

    /** An integer of at least 1. */
    public static final class Positive implements Converter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) between(value, 1, Integer.MAX_VALUE);
        }
    }

    /** A long of at least 1 (bytes, rows). */
    public static final class PositiveLong implements Converter<Long> {
        @Override
        public Long convert(String value) {
            return between(value, 1, Long.MAX_VALUE);
        }
    }

    /** Milliseconds, at least 0. */
    public static final class Millis implements Converter<Duration> {
        @Override
        public Duration convert(String value) {
            return Duration.ofMillis(between(value, 0, Long.MAX_VALUE));
        }
    }

    /** Milliseconds, at least 1. */
    public static final class PositiveMillis implements Converter<Duration> {
        @Override
        public Duration convert(String value) {
            return Duration.ofMillis(between(value, 1, Long.MAX_VALUE));
        }
    }

    /**
     * An ISO-8601 duration of at least one second in days, hours, minutes and seconds ({@code P90D}, {@code PT12H};
     * a day is 24 hours; months and years are refused, their length varies).
     */
    public static final class PositiveDuration implements Converter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration parsed;
            try {
                parsed = Duration.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration", e);
            }
            if (parsed.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException(parsed + " is shorter than 1 second");
            }
            return parsed;
        }
    }

    /** Milliseconds, at least 250 (the connection pool's smallest timeout). */
    public static final class ConnectTimeout implements Converter<Duration> {
        @Override
        public Duration convert(String value) {
            return Duration.ofMillis(between(value, 250, Long.MAX_VALUE));
        }
    }

    /** An integer in [minimum, maximum]; anything else (a word, a fraction, too large) is an IllegalArgumentException. */
    private static long between(String value, long minimum, long maximum) {
        long parsed = Long.parseLong(value.trim());
        if (parsed < minimum || parsed > maximum) {
            throw new IllegalArgumentException(parsed + " is not between " + minimum + " and " + maximum);
        }
        return parsed;
    }
}
