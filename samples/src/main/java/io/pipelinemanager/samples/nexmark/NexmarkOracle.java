package io.pipelinemanager.samples.nexmark;

import io.pipelinemanager.samples.nexmark.NexmarkGenerator.Auction;
import io.pipelinemanager.samples.nexmark.NexmarkGenerator.Bid;
import io.pipelinemanager.samples.nexmark.NexmarkGenerator.Person;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The independent evaluation: the same events in an in-memory H2 database, each query's oracle text
 * ({@link NexmarkQueries.Query#oracle()}) run there once, and a comparison of multisets of rows in a canonical
 * text form (numbers rounded to 6 decimal places, so engines that keep a different scale for an average still
 * compare equal).
 */
public final class NexmarkOracle implements AutoCloseable {

    private final Connection connection;

    private NexmarkOracle(Connection connection) {
        this.connection = connection;
    }

    /** An H2 database holding events 0 … {@code events} − 1 of {@code generator} and the side input. */
    public static NexmarkOracle load(NexmarkGenerator generator, long events) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:h2:mem:nexmark-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Statement s = c.createStatement()) {
            for (String ddl : NexmarkQueries.TABLES.replace(NexmarkQueries.APPEND_ONLY, "").split(";")) {
                if (!ddl.isBlank()) {
                    s.execute(ddl);
                }
            }
        }
        c.setAutoCommit(false);
        try (PreparedStatement person = c.prepareStatement("INSERT INTO person VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement auction = c.prepareStatement("INSERT INTO auction VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement bid = c.prepareStatement("INSERT INTO bid VALUES (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement side = c.prepareStatement("INSERT INTO side_input VALUES (?, ?)")) {
            for (long n = 0; n < events; n++) {
                Object event = generator.event(n);
                if (event instanceof Person p) {
                    set(person, p.id(), p.name(), p.email_address(), p.credit_card(), p.city(), p.state(),
                            p.date_time(), p.extra());
                } else if (event instanceof Auction a) {
                    set(auction, a.id(), a.item_name(), a.description(), a.initial_bid(), a.reserve(), a.date_time(),
                            a.expires(), a.seller(), a.category(), a.extra());
                } else if (event instanceof Bid b) {
                    set(bid, b.auction(), b.bidder(), b.price(), b.channel(), b.url(), b.date_time(), b.extra());
                }
                if (n % 10_000 == 9_999) {
                    person.executeBatch();
                    auction.executeBatch();
                    bid.executeBatch();
                }
            }
            person.executeBatch();
            auction.executeBatch();
            bid.executeBatch();
            for (NexmarkBenchmark.SideInput row : NexmarkBenchmark.sideInput()) {
                set(side, row.id(), row.payload());
            }
            side.executeBatch();
        }
        c.commit();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE INDEX auction_id ON auction (id)");
            s.execute("CREATE INDEX bid_auction ON bid (auction)");
            s.execute("CREATE INDEX person_id ON person (id)");
            s.execute("CREATE INDEX side_input_id ON side_input (id)");
        }
        c.commit();
        return new NexmarkOracle(c);
    }

    private static void set(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            statement.setObject(i + 1, v instanceof LocalDateTime t ? Timestamp.valueOf(t) : v);
        }
        statement.addBatch();
    }

    /**
     * The rows of {@code sql}, each in canonical form; {@code sql} may be several statements separated by
     * {@code ;} (intermediate tables), the last one the query.
     */
    public List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        String[] statements = sql.split(";");
        try (Statement s = connection.createStatement()) {
            for (int i = 0; i < statements.length - 1; i++) {
                s.execute(statements[i]);
            }
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(statements[statements.length - 1])) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(canonical(row));
            }
        }
        return rows;
    }

    /** A row as text: numbers to 6 decimal places, timestamps as ISO local date-times, NULL as {@code NULL}. */
    public static String canonical(Collection<?> row) {
        StringBuilder s = new StringBuilder();
        for (Object v : row) {
            if (s.length() > 0) {
                s.append(" | ");
            }
            s.append(canonicalValue(v));
        }
        return s.toString();
    }

    static String canonicalValue(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).setScale(6, RoundingMode.HALF_UP).toPlainString();
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        return v.toString();
    }

    /** Differences between two multisets of canonical rows: empty when they are equal. */
    public static List<String> differences(List<String> expected, List<String> actual, int limit) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        expected.forEach(r -> counts.merge(r, 1, Integer::sum));
        actual.forEach(r -> counts.merge(r, -1, Integer::sum));
        List<String> out = new ArrayList<>();
        counts.entrySet().stream().filter(e -> e.getValue() != 0).sorted(java.util.Map.Entry.comparingByKey())
                .limit(limit)
                .forEach(e -> out.add((e.getValue() > 0 ? "missing ×" + e.getValue() : "extra ×" + -e.getValue())
                        + ": " + e.getKey()));
        return out;
    }

    @Override
    public void close() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SHUTDOWN");
        } finally {
            connection.close();
        }
    }
}
