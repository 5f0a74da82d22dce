package io.pipelinemanager.core.internal.store;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway's log output, through SLF4J like the rest of the manager, with one change: Flyway's warning
 * that the database is newer than the versions it was verified with is logged at INFO. The manager's
 * migrations are tested on the H2 version it ships with (and on PostgreSQL), so that warning would be
 * the one alarming line of every start. Flyway instantiates this class by name ({@code loggers}).
 */
public final class FlywayLogs implements LogCreator {

    /** The text of Flyway's "newer than verified" warning. */
    static final String NEWER_THAN_VERIFIED = "newer than the version Flyway has been verified with";

    /** For Flyway, which instantiates log creators by class name. */
    public FlywayLogs() {
    }

    @Override
    public Log createLogger(Class<?> clazz) {
        return new Slf4jLog(LoggerFactory.getLogger(clazz));
    }

    private record Slf4jLog(Logger logger) implements Log {

        @Override
        public boolean isDebugEnabled() {
            return logger.isDebugEnabled();
        }

        @Override
        public void debug(String message) {
            logger.debug(message);
        }

        @Override
        public void info(String message) {
            logger.info(message);
        }

        @Override
        public void warn(String message) {
            if (message != null && message.contains(NEWER_THAN_VERIFIED)) {
                logger.info(message);
            } else {
                logger.warn(message);
            }
        }

        @Override
        public void error(String message) {
            logger.error(message);
        }

        @Override
        public void error(String message, Exception e) {
            logger.error(message, e);
        }

        @Override
        public void notice(String message) {
            logger.info(message);
        }
    }
}
