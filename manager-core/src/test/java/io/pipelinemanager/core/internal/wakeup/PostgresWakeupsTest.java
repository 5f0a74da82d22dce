package io.pipelinemanager.core.internal.wakeup;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link PostgresWakeups} on a real PostgreSQL: another instance's announcement raises the signal of its topic, an
 * instance's own announcements do not, and when the listening connection dies the instance reports it, reconnects
 * once it can and then wakes every loop (announcements sent meanwhile were missed).
 */
class PostgresWakeupsTest {

    private static final String LISTENER = "wakeups-test-listener";

    private String url;
    private HikariDataSource pool;
    private final Wakeups wakeups = new Wakeups();
    private PostgresWakeups b;
    private PostgresWakeups a;

    @BeforeEach
    void open() {
        url = TestDatabases.requirePostgresDatabase();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
    }

    @AfterEach
    void close() throws SQLException {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        pool.close();
        TestDatabases.allowConnections(url, true);
        TestDatabases.dropPostgresDatabase(url);
    }

    private Connection listenerConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", LISTENER);
        return DriverManager.getConnection(url, properties);
    }

    private void notifyRaw(String payload) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, PostgresWakeups.CHANNEL);
            s.setString(2, payload);
            s.execute();
        }
    }

    @Test
    void announcementsOfOtherInstancesWakeTheirTopicsOnly() throws SQLException {
        b = new PostgresWakeups(wakeups, pool, this::listenerConnection, "b", true);
        await().atMost(Duration.ofSeconds(30)).until(b::listening);
        assertThat(b.problem()).isEmpty();
        long compiler = wakeups.of(Topic.COMPILER).generation();
        long reconciler = wakeups.of(Topic.RECONCILER).generation();

        // Another instance announces through its own PostgresWakeups (it only sends: no listening connection).
        a = new PostgresWakeups(new Wakeups(), pool, null, "a", true);
        a.send(EnumSet.of(Topic.RECONCILER));
        await().atMost(Duration.ofSeconds(30)).until(() -> wakeups.of(Topic.RECONCILER).generation() > reconciler);

        // Its own announcement (and an unknown topic) is ignored; notifications arrive in commit order.
        notifyRaw("compiler b");
        notifyRaw("something-else a");
        long reconcilerNow = wakeups.of(Topic.RECONCILER).generation();
        notifyRaw("reconciler a");
        await().atMost(Duration.ofSeconds(30)).until(() -> wakeups.of(Topic.RECONCILER).generation() > reconcilerNow);
        assertThat(wakeups.of(Topic.COMPILER).generation()).isEqualTo(compiler);
    }

    @Test
    void aDeadListeningConnectionIsReportedReconnectedAndMissedAnnouncementsAreMadeUp() throws SQLException {
        b = new PostgresWakeups(wakeups, pool, this::listenerConnection, "b", true);
        await().atMost(Duration.ofSeconds(30)).until(b::listening);

        // The database refuses new connections (the pool's stay open) and the listening session is killed.
        TestDatabases.allowConnections(url, false);
        assertThat(TestDatabases.terminateSessions(url, LISTENER)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> !b.listening() && b.problem().isPresent());
        assertThat(b.problem().get()).contains("not listening");

        // An announcement while nobody listens is lost ...
        long compiler = wakeups.of(Topic.COMPILER).generation();
        a = new PostgresWakeups(new Wakeups(), pool, null, "a", true);
        a.send(EnumSet.of(Topic.COMPILER));

        // ... and made up for by waking every loop once the connection is back.
        TestDatabases.allowConnections(url, true);
        await().atMost(Duration.ofSeconds(30)).until(b::listening);
        assertThat(wakeups.of(Topic.COMPILER).generation()).isGreaterThan(compiler);
        assertThat(b.problem()).isEmpty();

        long reconciler = wakeups.of(Topic.RECONCILER).generation();
        a.send(EnumSet.of(Topic.RECONCILER));
        await().atMost(Duration.ofSeconds(30)).until(() -> wakeups.of(Topic.RECONCILER).generation() > reconciler);
    }

    /**
     * With a host {@code DataSource} the listening connection is one of its pool's: closing hands it back in working
     * order and no longer listening. The pool here hands out one physical connection and takes it back on
     * {@code close()} without checking it, as WildFly's does without a validity checker (an aborted listening
     * connection made WildFly's next deployment fail with "This connection has been closed").
     */
    @Test
    void closingReturnsAPooledListeningConnectionInWorkingOrderAndNoLongerListening() throws SQLException {
        try (Connection physical = DriverManager.getConnection(url)) {
            b = new PostgresWakeups(wakeups, pool, () -> pooled(physical), "b", true);
            await().atMost(Duration.ofSeconds(30)).until(b::listening);
            b.close();
            b = null;
            try (PreparedStatement s = physical.prepareStatement("SELECT count(*) FROM pg_listening_channels()");
                 ResultSet rows = s.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).as("channels the returned connection still listens to").isZero();
            }
        }
    }

    /** A pool's handle on {@code physical}: {@code close()} gives it back (leaves it open), the rest is physical's. */
    private static Connection pooled(Connection physical) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
