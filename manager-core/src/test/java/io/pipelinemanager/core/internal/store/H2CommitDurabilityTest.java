package io.pipelinemanager.core.internal.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commit the manager made to an H2 file database survives the process being killed right after it: H2 writes
 * its changes up to a second after a commit unless {@code WRITE_DELAY=0}, and an acknowledged create or edit must
 * not be undone by a crash. {@link Database#jdbcUrl} adds the setting to embedded H2 URLs that do not choose one.
 */
class H2CommitDurabilityTest {

    static final String URL_PREFIX = "jdbc:h2:file:";
    static final String SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";

    @TempDir
    Path dir;

    @Test
    void embeddedH2UrlsWriteEveryCommitAtOnceUnlessTheUrlChoosesADelay() {
        assertThat(Database.jdbcUrl("jdbc:h2:file:/data/db;MODE=PostgreSQL")).isEqualTo("jdbc:h2:file:/data/db;MODE=PostgreSQL;WRITE_DELAY=0");
        assertThat(Database.jdbcUrl("jdbc:h2:~/pm")).isEqualTo("jdbc:h2:~/pm;WRITE_DELAY=0");
        assertThat(Database.jdbcUrl("jdbc:h2:file:/data/db;write_delay=200")).isEqualTo("jdbc:h2:file:/data/db;write_delay=200");
        // Not a file this process writes: in memory, or a server's (whose settings are the server's business).
        assertThat(Database.jdbcUrl("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
        assertThat(Database.jdbcUrl("jdbc:h2:tcp://db/pm")).isEqualTo("jdbc:h2:tcp://db/pm");
        assertThat(Database.jdbcUrl("jdbc:postgresql://db/pm")).isEqualTo("jdbc:postgresql://db/pm");
    }

    @Test
    void rowsCommittedJustBeforeAKillAreThereAfterwards() throws Exception {
        String url = URL_PREFIX + dir.resolve("db") + SETTINGS;
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitThenWait.class.getName(), url)
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the child's first line").isEqualTo(CommitThenWait.COMMITTED);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (Connection connection = DriverManager.getConnection(Database.jdbcUrl(url));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM t")) {
            rows.next();
            assertThat(rows.getInt(1)).as("rows committed before the kill").isEqualTo(CommitThenWait.ROWS);
        }
    }

    /** The child: commits {@link #ROWS} rows through {@link Database#jdbcUrl}, says so, and waits to be killed. */
    public static final class CommitThenWait {
        static final String COMMITTED = "committed";
        static final int ROWS = 5;

        public static void main(String[] args) throws Exception {
            try (Connection connection = DriverManager.getConnection(Database.jdbcUrl(args[0]));
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE t(x INT)");
                for (int i = 0; i < ROWS; i++) {
                    statement.execute("INSERT INTO t VALUES (" + i + ")");
                }
                System.out.println(COMMITTED);
                System.out.flush();
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            }
        }
    }
}
