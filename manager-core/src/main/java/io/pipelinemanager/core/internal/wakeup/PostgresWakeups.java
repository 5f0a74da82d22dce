package io.pipelinemanager.core.internal.wakeup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Wake-ups across the manager instances that share one PostgreSQL database: a committed change is announced with
 * {@code NOTIFY} on the channel {@value #CHANNEL} (payload: the topics and the sending instance), and a thread of
 * each instance {@code LISTEN}s on a dedicated connection and raises the local signal of each topic another
 * instance announced. When the listening connection fails, the thread reconnects with a back-off (doubling from
 * {@link #FIRST_RETRY} to {@link #MAX_RETRY}); meanwhile the loops keep polling at their intervals, and after each
 * (re)connection every loop is woken once, since announcements may have been missed. On a database other than
 * PostgreSQL (H2 has no {@code NOTIFY}) the thread ends at once and nothing is announced: polling only.
 *
 * <p>The PostgreSQL driver is optional for the core, so its {@code PGConnection.getNotifications} is called
 * reflectively.
 */
public final class PostgresWakeups implements Wakeups.Broadcast, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresWakeups.class);

    /** The notification channel. */
    public static final String CHANNEL = "pipeline_manager_wakeup";
    /** The application name of the listening connection when the manager opens it itself. */
    public static final String APPLICATION_NAME = "pipeline-manager-listener";
    /** First pause before reconnecting the listening connection; doubled after each failure. */
    static final Duration FIRST_RETRY = Duration.ofMillis(100);
    /** Longest pause between reconnection attempts. */
    static final Duration MAX_RETRY = Duration.ofSeconds(5);
    /** How long one wait for notifications lasts before the thread looks at its state again. */
    private static final int WAIT_MILLIS = 250;
    /** How long {@link #close()} waits for the listening thread to end by itself before aborting its connection. */
    private static final Duration CLOSE_WAIT = Duration.ofMillis(4L * WAIT_MILLIS);
    /** How often an idle listening connection is checked (a dead peer may not close the socket). */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(10);

    /** Opens a connection for listening. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private final Wakeups wakeups;
    private final DataSource senders;
    private final Connections listening;
    private final String instance;
    private final Thread thread;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean postgres;
    private volatile boolean listens;
    private volatile String problem = "not connected yet";
    private volatile Instant downSince = Instant.now();
    private volatile Connection current;
    /** The driver cannot deliver notifications here (set once; the listening thread has ended). */
    private volatile boolean unsupported;
    private boolean sendFailureLogged;

    /**
     * Starts listening for {@code wakeups} on connections from {@code listening} (null: this instance only
     * announces, as one without background work has nothing to wake); changes are announced on
     * connections of {@code senders} (the manager's pool). {@code instance} tells this instance's own
     * announcements apart. {@code postgres}: the database is known to be PostgreSQL (from its URL), so changes are
     * announced at once; otherwise only once the first listening connection showed it is.
     */
    public PostgresWakeups(Wakeups wakeups, DataSource senders, Connections listening, String instance,
                           boolean postgres) {
        this.wakeups = wakeups;
        this.postgres = postgres;
        this.senders = senders;
        this.listening = listening;
        this.instance = instance;
        if (listening == null) {
            this.thread = null;
            this.problem = null;
            return;
        }
        this.thread = new Thread(this::run, "pm-wakeup-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** Announces {@code topics} to the other instances; a failure is logged (the first one at WARN), never thrown. */
    @Override
    public void send(Set<Topic> topics) {
        if (!postgres || topics.isEmpty() || closed.getCount() == 0) {
            return;
        }
        String payload = topics.stream().map(Topic::wire).collect(Collectors.joining(",")) + " " + instance;
        try (Connection c = senders.getConnection(); PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, payload);
            s.execute();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            synchronized (this) {
                if (!sendFailureLogged) {
                    sendFailureLogged = true;
                    LOG.warn("Could not notify the other instances of a change ({}); they see it at their next poll",
                            e.toString());
                } else {
                    LOG.debug("Could not notify the other instances of a change: {}", e.toString());
                }
            }
        }
    }

    /** Whether the listening connection is up. */
    public boolean listening() {
        return listens;
    }

    /**
     * Why this instance does not listen now (for the health details); empty while it listens, on other databases and
     * while it is not known yet whether the database is PostgreSQL.
     */
    public Optional<String> problem() {
        if (listens || closed.getCount() == 0 || problem == null || !postgres) {
            return Optional.empty();
        }
        if (unsupported) {
            return Optional.of(problem);
        }
        return Optional.of("not listening for changes of other instances since " + downSince + " (" + problem
                + "); reconnecting, and polling meanwhile");
    }

    private void run() {
        long retry = FIRST_RETRY.toNanos();
        boolean everListened = false;
        while (closed.getCount() > 0) {
            try (Connection c = listening.open()) {
                current = c;
                if (!"PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())) {
                    problem = null;
                    LOG.debug("The database is not PostgreSQL: no LISTEN/NOTIFY, the background loops poll");
                    return;
                }
                postgres = true;
                Notifications notifications = Notifications.of(c);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                // Announcements may have been missed while not listening (LISTEN is active now: none is lost).
                wakeups.signalAll();
                listens = true;
                problem = null;
                retry = FIRST_RETRY.toNanos();
                if (everListened) {
                    LOG.info("Listening for changes of other instances again");
                }
                everListened = true;
                long checked = System.nanoTime();
                while (closed.getCount() > 0) {
                    for (String payload : notifications.await(WAIT_MILLIS)) {
                        received(payload);
                    }
                    if (System.nanoTime() - checked > CHECK_EVERY.toNanos()) {
                        if (!c.isValid((int) CHECK_EVERY.toSeconds())) {
                            throw new SQLException("the listening connection no longer answers");
                        }
                        checked = System.nanoTime();
                    }
                }
                unlisten(c);
            } catch (Unsupported e) {
                LOG.warn("Not listening for changes of other instances: {}; they are seen at the poll intervals",
                        e.getMessage());
                problem = "LISTEN is unavailable: " + e.getMessage() + "; changes of other instances are seen at "
                        + "the poll intervals";
                unsupported = true;
                return;
            } catch (SQLException | RuntimeException | LinkageError e) {
                if (closed.getCount() == 0) {
                    break;
                }
                if (listens || problem == null || problem.equals("not connected yet")) {
                    LOG.warn("Not listening for changes of other instances ({}); reconnecting, and polling meanwhile",
                            e.toString());
                } else {
                    LOG.debug("Reconnecting the listening connection failed again: {}", e.toString());
                }
                if (listens) {
                    downSince = Instant.now();
                }
                listens = false;
                problem = String.valueOf(e.getMessage());
            } finally {
                current = null;
            }
            try {
                if (closed.await(retry, TimeUnit.NANOSECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                break;
            }
            retry = Math.min(MAX_RETRY.toNanos(), retry * 2);
        }
        listens = false;
    }

    private void received(String payload) {
        int space = payload.indexOf(' ');
        if (space < 0 || payload.substring(space + 1).equals(instance)) {
            return;
        }
        Set<Topic> topics = EnumSet.noneOf(Topic.class);
        for (String name : payload.substring(0, space).split(",")) {
            Topic.fromWire(name).ifPresent(topics::add);
        }
        topics.forEach(wakeups::signal);
    }

    /**
     * A connection that goes back to a host's pool stops listening first, or it would collect every later
     * announcement for whoever borrows it next.
     */
    private static void unlisten(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("UNLISTEN *");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("UNLISTEN on the listening connection failed: {}", e.toString());
        }
    }

    /**
     * Stops listening. The listening thread sees the close within one wait for notifications, stops listening and
     * closes its connection the ordinary way, so a pooled one goes back to its pool in working order; only a thread
     * that does not end in time (a connection hung in the network) has its connection aborted.
     */
    @Override
    public void close() {
        closed.countDown();
        if (thread == null) {
            return;
        }
        try {
            thread.join(CLOSE_WAIT.toMillis());
            Connection c = current;
            if (thread.isAlive() && c != null) {
                LOG.debug("The listening thread did not end within {}: aborting its connection", CLOSE_WAIT);
                try {
                    c.abort(Runnable::run);
                } catch (SQLException | RuntimeException e) {
                    LOG.debug("Aborting the listening connection failed: {}", e.toString());
                }
                thread.join(TimeUnit.SECONDS.toMillis(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The driver offers no way to receive notifications here: trying again would not help. */
    private static final class Unsupported extends RuntimeException {
        Unsupported(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code PGConnection.getNotifications(int)} of one connection, called reflectively. */
    private record Notifications(Object target, Method getNotifications, Method getParameter) {

        /** The notifications of {@code c}; {@link Unsupported} when the driver's API cannot be reached from here. */
        static Notifications of(Connection c) {
            try {
                Class<?> pgConnection = load("org.postgresql.PGConnection", c);
                Class<?> pgNotification = load("org.postgresql.PGNotification", c);
                return new Notifications(c.unwrap(pgConnection), pgConnection.getMethod("getNotifications", int.class),
                        pgNotification.getMethod("getParameter"));
            } catch (ClassNotFoundException | NoSuchMethodException | SQLException | LinkageError e) {
                throw new Unsupported("the PostgreSQL driver's notification API is not reachable through this "
                        + "connection (" + e + ")", e);
            }
        }

        private static Class<?> load(String name, Connection c) throws ClassNotFoundException {
            try {
                return Class.forName(name, false, PostgresWakeups.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                ClassLoader context = Thread.currentThread().getContextClassLoader();
                if (context == null) {
                    throw e;
                }
                return Class.forName(name, false, context);
            }
        }

        /** The payloads that arrived within {@code millis} (returns at the first). */
        String[] await(int millis) throws SQLException {
            try {
                Object[] received = (Object[]) getNotifications.invoke(target, millis);
                if (received == null) {
                    return new String[0];
                }
                String[] payloads = new String[received.length];
                for (int i = 0; i < received.length; i++) {
                    payloads[i] = String.valueOf(getParameter.invoke(received[i]));
                }
                return payloads;
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw new SQLException("waiting for notifications failed: " + e.getCause(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new SQLException("waiting for notifications failed: " + e, e);
            }
        }
    }
}
