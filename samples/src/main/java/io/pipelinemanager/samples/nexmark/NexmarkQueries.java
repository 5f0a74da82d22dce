package io.pipelinemanager.samples.nexmark;

import java.util.List;

/**
 * The Nexmark queries q0–q9 and q12–q22, each in three texts: ours (the body of a materialized view over the
 * tables of {@link #TABLES}), the same question in standard SQL for the H2 oracle (time windows as arithmetic
 * on the epoch milliseconds, which H2 cannot express as table functions), and Flink SQL.
 *
 * <p>Deviations from the published texts, the same for all three engines: ties in the top-k queries (q9, q18,
 * q19) and the q6 frame are broken by further columns so that every engine must give the same rows; q6 orders
 * an auction's closing prices by the auction's expiry (the published text orders by a column it does not
 * group by); q13's side input is a table of 10 000 rows ({@code side_input}); q14 counts the {@code c}s of
 * {@code extra} without a user-defined function; q21 takes the channel id with {@code SPLIT_PART} (ours has no
 * {@code REGEXP_EXTRACT}; the generator's URLs carry {@code channel_id} last); q10 and q11 are not part of the
 * set (a file sink; a session window per bidder).
 */
public final class NexmarkQueries {

    private NexmarkQueries() {
    }

    /**
     * The input tables, as Feldera's Nexmark declares them, plus q13's side input. The event streams are
     * append-only ({@link #APPEND_ONLY}): Nexmark never deletes or updates an event, so the tables need not keep
     * their rows (the operators keep what they need).
     */
    public static final String TABLES = """
            CREATE TABLE person (id BIGINT NOT NULL, name VARCHAR, email_address VARCHAR, credit_card VARCHAR,
              city VARCHAR, state VARCHAR, date_time TIMESTAMP NOT NULL, extra VARCHAR) WITH ('append_only' = 'true');
            CREATE TABLE auction (id BIGINT NOT NULL, item_name VARCHAR, description VARCHAR, initial_bid BIGINT,
              reserve BIGINT, date_time TIMESTAMP NOT NULL, expires TIMESTAMP NOT NULL, seller BIGINT NOT NULL,
              category BIGINT NOT NULL, extra VARCHAR) WITH ('append_only' = 'true');
            CREATE TABLE bid (auction BIGINT NOT NULL, bidder BIGINT NOT NULL, price BIGINT NOT NULL, channel VARCHAR,
              url VARCHAR, date_time TIMESTAMP NOT NULL, extra VARCHAR) WITH ('append_only' = 'true');
            CREATE TABLE side_input (id BIGINT NOT NULL, payload VARCHAR);
            """;

    /** The table option of the event tables; the oracle's DDL is {@link #TABLES} without it. */
    public static final String APPEND_ONLY = " WITH ('append_only' = 'true')";

    /** Rows of q13's side input: ids 0 … 9999. */
    public static final int SIDE_INPUT_ROWS = 10_000;

    /** A query: ours, the oracle's and Flink's text (null: Flink cannot run it, {@code flinkNote} says why). */
    public record Query(String name, String what, String ours, String oracle, String flink) {
    }

    // H2: the start of the window of `size` ms that holds ts, minus `back` ms.
    private static String h2WindowStart(String ts, long size, String back) {
        return "DATEADD(MILLISECOND, -(MOD(DATEDIFF(MILLISECOND, TIMESTAMP '1970-01-01 00:00:00', " + ts + "), "
                + size + ")" + back + "), " + ts + ")";
    }

    private static String tumbleStart(String ts) {
        return h2WindowStart(ts, 10_000, "");
    }

    private static final String RANKS = """
            COUNT(*) AS total_bids,
              COUNT(*) FILTER (WHERE price < 10000) AS rank1_bids,
              COUNT(*) FILTER (WHERE price >= 10000 AND price < 1000000) AS rank2_bids,
              COUNT(*) FILTER (WHERE price >= 1000000) AS rank3_bids""";

    private static final String DISTINCT_RANKS = """
            COUNT(DISTINCT bidder) AS total_bidders,
              COUNT(DISTINCT bidder) FILTER (WHERE price < 10000) AS rank1_bidders,
              COUNT(DISTINCT bidder) FILTER (WHERE price >= 10000 AND price < 1000000) AS rank2_bidders,
              COUNT(DISTINCT bidder) FILTER (WHERE price >= 1000000) AS rank3_bidders,
              COUNT(DISTINCT auction) AS total_auctions,
              COUNT(DISTINCT auction) FILTER (WHERE price < 10000) AS rank1_auctions,
              COUNT(DISTINCT auction) FILTER (WHERE price >= 10000 AND price < 1000000) AS rank2_auctions,
              COUNT(DISTINCT auction) FILTER (WHERE price >= 1000000) AS rank3_auctions""";

    private static final String Q4_INNER = """
            SELECT MAX(B.price) AS final, A.category FROM auction A JOIN bid B ON A.id = B.auction
              WHERE B.date_time BETWEEN A.date_time AND A.expires GROUP BY A.id, A.category""";

    private static final String Q6_INNER = """
            SELECT A.id, A.seller, A.expires, MAX(B.price) AS final FROM auction A JOIN bid B ON A.id = B.auction
              WHERE B.date_time BETWEEN A.date_time AND A.expires GROUP BY A.id, A.seller, A.expires""";

    private static final String Q9_JOIN = """
            SELECT A.id, A.item_name, A.description, A.initial_bid, A.reserve, A.date_time, A.expires, A.seller,
                A.category, A.extra, B.auction, B.bidder, B.price, B.date_time AS bid_date_time, B.extra AS bid_extra,
                ROW_NUMBER() OVER (PARTITION BY A.id ORDER BY B.price DESC, B.date_time, B.bidder, B.extra) AS row_num
              FROM auction A JOIN bid B ON A.id = B.auction WHERE B.date_time BETWEEN A.date_time AND A.expires""";

    private static final String Q9_COLUMNS = "id, item_name, description, initial_bid, reserve, date_time, expires, "
            + "seller, category, extra, auction, bidder, price, bid_date_time, bid_extra";

    private static final String Q21_CASE = """
            CASE WHEN LOWER(channel) = 'apple' THEN '0' WHEN LOWER(channel) = 'google' THEN '1'
                WHEN LOWER(channel) = 'facebook' THEN '2' WHEN LOWER(channel) = 'baidu' THEN '3'""";

    private static final String HOT_CHANNELS = "LOWER(channel) IN ('apple', 'google', 'facebook', 'baidu')";

    private static String q5(String hop) {
        return "SELECT AuctionBids.auction, AuctionBids.num FROM ("
                + "SELECT auction, COUNT(*) AS num, window_start AS starttime, window_end AS endtime FROM " + hop
                + " GROUP BY auction, window_start, window_end) AS AuctionBids JOIN ("
                + "SELECT MAX(CountBids.num) AS maxn, CountBids.starttime, CountBids.endtime FROM ("
                + "SELECT COUNT(*) AS num, window_start AS starttime, window_end AS endtime FROM " + hop
                + " GROUP BY auction, window_start, window_end) AS CountBids"
                + " GROUP BY CountBids.starttime, CountBids.endtime) AS MaxBids"
                + " ON AuctionBids.starttime = MaxBids.starttime AND AuctionBids.endtime = MaxBids.endtime"
                + " AND AuctionBids.num >= MaxBids.maxn";
    }

    private static final String HOP = "TABLE(HOP(TABLE bid, DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '10' SECOND))";
    private static final String H2_HOP = "(SELECT b.auction, " + h2WindowStart("b.date_time", 2000, " + k.k * 2000")
            + " AS window_start, DATEADD(MILLISECOND, 10000, " + h2WindowStart("b.date_time", 2000, " + k.k * 2000")
            + ") AS window_end FROM bid b CROSS JOIN (VALUES (0), (1), (2), (3), (4)) AS k(k)) AS hb";

    private static String q7(String tumble) {
        return "SELECT B.auction, B.price, B.bidder, B.date_time, B.extra FROM bid B JOIN ("
                + "SELECT MAX(price) AS maxprice, window_end AS date_time FROM " + tumble
                + " GROUP BY window_start, window_end) B1 ON B.price = B1.maxprice"
                + " WHERE B.date_time BETWEEN B1.date_time - INTERVAL '10' SECOND AND B1.date_time";
    }

    private static String q8(String persons, String auctions) {
        return "SELECT P.id, P.name, P.starttime FROM ("
                + "SELECT id, name, window_start AS starttime, window_end AS endtime FROM " + persons
                + " GROUP BY id, name, window_start, window_end) P JOIN ("
                + "SELECT seller, window_start AS starttime, window_end AS endtime FROM " + auctions
                + " GROUP BY seller, window_start, window_end) A"
                + " ON P.id = A.seller AND P.starttime = A.starttime AND P.endtime = A.endtime";
    }

    private static String tumble(String table) {
        return "TABLE(TUMBLE(TABLE " + table + ", DESCRIPTOR(date_time), INTERVAL '10' SECOND))";
    }

    private static String h2Tumble(String table, String columns) {
        return "(SELECT " + columns + ", date_time, " + tumbleStart("date_time") + " AS window_start, "
                + "DATEADD(MILLISECOND, 10000, " + tumbleStart("date_time") + ") AS window_end FROM " + table + ") AS w";
    }

    /** All queries in order. */
    public static final List<Query> ALL = List.of(
            new Query("q0", "pass-through",
                    "SELECT auction, bidder, price, date_time, extra FROM bid",
                    "SELECT auction, bidder, price, date_time, extra FROM bid",
                    "SELECT auction, bidder, price, date_time, extra FROM bid"),
            new Query("q1", "currency conversion",
                    "SELECT auction, bidder, 0.908 * price AS price, date_time, extra FROM bid",
                    "SELECT auction, bidder, 0.908 * price AS price, date_time, extra FROM bid",
                    "SELECT auction, bidder, 0.908 * price AS price, date_time, extra FROM bid"),
            new Query("q2", "selection",
                    "SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0",
                    "SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0",
                    "SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0"),
            new Query("q3", "local item suggestion",
                    "SELECT P.name, P.city, P.state, A.id FROM auction A JOIN person P ON A.seller = P.id"
                            + " WHERE A.category = 10 AND (P.state = 'OR' OR P.state = 'ID' OR P.state = 'CA')",
                    "SELECT P.name, P.city, P.state, A.id FROM auction A JOIN person P ON A.seller = P.id"
                            + " WHERE A.category = 10 AND (P.state = 'OR' OR P.state = 'ID' OR P.state = 'CA')",
                    "SELECT P.name, P.city, P.state, A.id FROM auction A JOIN person P ON A.seller = P.id"
                            + " WHERE A.category = 10 AND (P.state = 'OR' OR P.state = 'ID' OR P.state = 'CA')"),
            new Query("q4", "average price per category",
                    "SELECT Q.category, AVG(Q.final) AS avg_final FROM (" + Q4_INNER + ") Q GROUP BY Q.category",
                    "SELECT Q.category, AVG(CAST(Q.final AS DECIMAL(30, 10))) AS avg_final FROM (" + Q4_INNER
                            + ") Q GROUP BY Q.category",
                    "SELECT Q.category, AVG(CAST(Q.final AS DECIMAL(30, 10))) AS avg_final FROM (" + Q4_INNER
                            + ") Q GROUP BY Q.category"),
            new Query("q5", "hot items (HOP 10 s every 2 s)",
                    q5(HOP),
                    // H2 evaluates a grouped derived table again for every outer row: staged through tables.
                    "DROP TABLE IF EXISTS q5_counts; DROP TABLE IF EXISTS q5_max;"
                            + " CREATE LOCAL TEMPORARY TABLE q5_counts AS SELECT auction, window_start, window_end,"
                            + " COUNT(*) AS num FROM " + H2_HOP + " GROUP BY auction, window_start, window_end;"
                            + " CREATE LOCAL TEMPORARY TABLE q5_max AS SELECT window_start, window_end, MAX(num) AS maxn"
                            + " FROM q5_counts GROUP BY window_start, window_end;"
                            + " SELECT c.auction, c.num FROM q5_counts c JOIN q5_max m ON c.window_start = m.window_start"
                            + " AND c.window_end = m.window_end AND c.num >= m.maxn",
                    q5(HOP)),
            new Query("q6", "average selling price per seller (last 10 auctions)",
                    "SELECT seller, id, AVG(final) OVER (PARTITION BY seller ORDER BY expires, id"
                            + " ROWS BETWEEN 10 PRECEDING AND CURRENT ROW) AS avg_final FROM (" + Q6_INNER + ") Q",
                    "SELECT seller, id, AVG(CAST(final AS DECIMAL(30, 10))) OVER (PARTITION BY seller ORDER BY expires, id"
                            + " ROWS BETWEEN 10 PRECEDING AND CURRENT ROW) AS avg_final FROM (" + Q6_INNER + ") Q",
                    "SELECT seller, id, AVG(CAST(final AS DECIMAL(30, 10))) OVER (PARTITION BY seller ORDER BY expires, id"
                            + " ROWS BETWEEN 10 PRECEDING AND CURRENT ROW) AS avg_final FROM (" + Q6_INNER + ") Q"),
            new Query("q7", "highest bid (TUMBLE 10 s)",
                    q7(tumble("bid")),
                    "DROP TABLE IF EXISTS q7_max; CREATE LOCAL TEMPORARY TABLE q7_max AS SELECT MAX(price) AS maxprice,"
                            + " window_end AS date_time FROM " + h2Tumble("bid", "price")
                            + " GROUP BY window_start, window_end;"
                            + " SELECT B.auction, B.price, B.bidder, B.date_time, B.extra FROM bid B JOIN q7_max B1"
                            + " ON B.price = B1.maxprice"
                            + " WHERE B.date_time BETWEEN B1.date_time - INTERVAL '10' SECOND AND B1.date_time",
                    q7(tumble("bid"))),
            new Query("q8", "monitor new users (TUMBLE 10 s)",
                    q8(tumble("person"), tumble("auction")),
                    "DROP TABLE IF EXISTS q8_p; DROP TABLE IF EXISTS q8_a;"
                            + " CREATE LOCAL TEMPORARY TABLE q8_p AS SELECT id, name, window_start AS starttime,"
                            + " window_end AS endtime FROM " + h2Tumble("person", "id, name")
                            + " GROUP BY id, name, window_start, window_end;"
                            + " CREATE LOCAL TEMPORARY TABLE q8_a AS SELECT seller, window_start AS starttime,"
                            + " window_end AS endtime FROM " + h2Tumble("auction", "seller")
                            + " GROUP BY seller, window_start, window_end;"
                            + " SELECT P.id, P.name, P.starttime FROM q8_p P JOIN q8_a A"
                            + " ON P.id = A.seller AND P.starttime = A.starttime AND P.endtime = A.endtime",
                    q8(tumble("person"), tumble("auction"))),
            new Query("q9", "winning bids",
                    "SELECT " + Q9_COLUMNS + " FROM (" + Q9_JOIN + ") AS W WHERE row_num <= 1",
                    "SELECT " + Q9_COLUMNS + " FROM (" + Q9_JOIN + ") AS W WHERE row_num <= 1",
                    "SELECT " + Q9_COLUMNS + " FROM (" + Q9_JOIN + ") AS W WHERE row_num <= 1"),
            new Query("q12", "bids per bidder in processing-time windows",
                    "WITH B AS (SELECT auction, bidder, price, PROCTIME() AS p_time FROM bid)"
                            + " SELECT bidder, COUNT(*) AS bid_count, window_start, window_end FROM TABLE(TUMBLE("
                            + "TABLE B, DESCRIPTOR(p_time), INTERVAL '10' SECOND)) GROUP BY bidder, window_start, window_end",
                    null,
                    null),
            new Query("q13", "bounded side input join",
                    "SELECT B.auction, B.bidder, B.price, B.date_time, S.payload FROM bid B"
                            + " JOIN side_input S ON MOD(B.auction, 10000) = S.id",
                    "SELECT B.auction, B.bidder, B.price, B.date_time, S.payload FROM bid B"
                            + " JOIN side_input S ON MOD(B.auction, 10000) = S.id",
                    "SELECT B.auction, B.bidder, B.price, B.date_time, S.payload FROM bid B"
                            + " JOIN side_input S ON MOD(B.auction, 10000) = S.id"),
            new Query("q14", "calculation",
                    q14(), q14(), q14()),
            new Query("q15", "bidding statistics per day",
                    "SELECT TO_CHAR(date_time, 'YYYY-MM-DD') AS \"day\", " + RANKS + ", " + DISTINCT_RANKS
                            + " FROM bid GROUP BY TO_CHAR(date_time, 'YYYY-MM-DD')",
                    "SELECT TO_CHAR(date_time, 'YYYY-MM-DD') AS \"day\", " + RANKS + ", " + DISTINCT_RANKS
                            + " FROM bid GROUP BY TO_CHAR(date_time, 'YYYY-MM-DD')",
                    "SELECT DATE_FORMAT(date_time, 'yyyy-MM-dd') AS `day`, " + RANKS + ", " + DISTINCT_RANKS
                            + " FROM bid GROUP BY DATE_FORMAT(date_time, 'yyyy-MM-dd')"),
            new Query("q16", "channel statistics per day",
                    "SELECT channel, TO_CHAR(date_time, 'YYYY-MM-DD') AS \"day\", MAX(TO_CHAR(date_time, 'HH24:MI')) AS \"minute\", "
                            + RANKS + ", " + DISTINCT_RANKS
                            + " FROM bid GROUP BY channel, TO_CHAR(date_time, 'YYYY-MM-DD')",
                    "SELECT channel, TO_CHAR(date_time, 'YYYY-MM-DD') AS \"day\", MAX(TO_CHAR(date_time, 'HH24:MI')) AS \"minute\", "
                            + RANKS + ", " + DISTINCT_RANKS
                            + " FROM bid GROUP BY channel, TO_CHAR(date_time, 'YYYY-MM-DD')",
                    "SELECT channel, DATE_FORMAT(date_time, 'yyyy-MM-dd') AS `day`, MAX(DATE_FORMAT(date_time, 'HH:mm')) AS `minute`, "
                            + RANKS + ", " + DISTINCT_RANKS
                            + " FROM bid GROUP BY channel, DATE_FORMAT(date_time, 'yyyy-MM-dd')"),
            new Query("q17", "auction statistics per day",
                    "SELECT auction, TO_CHAR(date_time, 'YYYY-MM-DD') AS \"day\", " + RANKS
                            + ", MIN(price) AS min_price, MAX(price) AS max_price, AVG(price) AS avg_price,"
                            + " SUM(price) AS sum_price FROM bid GROUP BY auction, TO_CHAR(date_time, 'YYYY-MM-DD')",
                    "SELECT auction, TO_CHAR(date_time, 'YYYY-MM-DD') AS \"day\", " + RANKS
                            + ", MIN(price) AS min_price, MAX(price) AS max_price, AVG(CAST(price AS DECIMAL(30, 10))) AS avg_price,"
                            + " SUM(price) AS sum_price FROM bid GROUP BY auction, TO_CHAR(date_time, 'YYYY-MM-DD')",
                    "SELECT auction, DATE_FORMAT(date_time, 'yyyy-MM-dd') AS `day`, " + RANKS
                            + ", MIN(price) AS min_price, MAX(price) AS max_price, AVG(CAST(price AS DECIMAL(30, 10))) AS avg_price,"
                            + " SUM(price) AS sum_price FROM bid GROUP BY auction, DATE_FORMAT(date_time, 'yyyy-MM-dd')"),
            new Query("q18", "last bid of each bidder on each auction",
                    q18(), q18(), q18()),
            new Query("q19", "top 10 bids of each auction",
                    q19(), q19(), q19()),
            new Query("q20", "bids joined with their auction (category 10)",
                    q20(), q20(), q20()),
            new Query("q21", "channel id",
                    "SELECT auction, bidder, price, channel, " + Q21_CASE
                            + " ELSE SPLIT_PART(url, '&channel_id=', 2) END AS channel_id FROM bid"
                            + " WHERE SPLIT_PART(url, '&channel_id=', 2) <> '' OR " + HOT_CHANNELS,
                    "SELECT auction, bidder, price, channel, " + Q21_CASE
                            + " ELSE REGEXP_SUBSTR(url, '(&|^)channel_id=([^&]*)', 1, 1, NULL, 2) END AS channel_id FROM bid"
                            + " WHERE REGEXP_SUBSTR(url, '(&|^)channel_id=([^&]*)', 1, 1, NULL, 2) IS NOT NULL OR "
                            + HOT_CHANNELS,
                    "SELECT auction, bidder, price, channel, " + Q21_CASE
                            + " ELSE REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2) END AS channel_id FROM bid"
                            + " WHERE REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2) IS NOT NULL OR " + HOT_CHANNELS),
            new Query("q22", "directories of the URL",
                    "SELECT auction, bidder, price, channel, SPLIT_PART(url, '/', 4) AS dir1,"
                            + " SPLIT_PART(url, '/', 5) AS dir2, SPLIT_PART(url, '/', 6) AS dir3 FROM bid",
                    "SELECT auction, bidder, price, channel, REGEXP_SUBSTR(url, '[^/]+', 1, 3) AS dir1,"
                            + " REGEXP_SUBSTR(url, '[^/]+', 1, 4) AS dir2, REGEXP_SUBSTR(url, '[^/]+', 1, 5) AS dir3 FROM bid",
                    "SELECT auction, bidder, price, channel, SPLIT_INDEX(url, '/', 3) AS dir1,"
                            + " SPLIT_INDEX(url, '/', 4) AS dir2, SPLIT_INDEX(url, '/', 5) AS dir3 FROM bid"));

    /**
     * The micro-workloads of the performance issue on the same events: an incremental GROUP BY (bids per
     * auction) and an equi-join whose state grows with every bid and auction.
     */
    public static final List<Query> MICRO = List.of(
            new Query("groupby", "GROUP BY auction: COUNT, SUM, MAX",
                    "SELECT auction, COUNT(*) AS bids, SUM(price) AS total, MAX(price) AS top FROM bid GROUP BY auction",
                    "SELECT auction, COUNT(*) AS bids, SUM(price) AS total, MAX(price) AS top FROM bid GROUP BY auction",
                    "SELECT auction, COUNT(*) AS bids, SUM(price) AS total, MAX(price) AS top FROM bid GROUP BY auction"),
            new Query("equijoin", "equi-join bid ⋈ auction",
                    "SELECT B.auction, B.bidder, B.price, A.seller, A.category FROM bid B JOIN auction A ON A.id = B.auction",
                    "SELECT B.auction, B.bidder, B.price, A.seller, A.category FROM bid B JOIN auction A ON A.id = B.auction",
                    "SELECT B.auction, B.bidder, B.price, A.seller, A.category FROM bid B JOIN auction A ON A.id = B.auction"));

    private static String q14() {
        return "SELECT auction, bidder, 0.908 * price AS price, CASE"
                + " WHEN HOUR(date_time) >= 8 AND HOUR(date_time) <= 18 THEN 'dayTime'"
                + " WHEN HOUR(date_time) <= 6 OR HOUR(date_time) >= 20 THEN 'nightTime' ELSE 'otherTime' END AS bid_time_type,"
                + " date_time, extra, CHAR_LENGTH(extra) - CHAR_LENGTH(REPLACE(extra, 'c', '')) AS c_counts FROM bid"
                + " WHERE 0.908 * price > 1000000 AND 0.908 * price < 50000000";
    }

    private static String q18() {
        return "SELECT auction, bidder, price, channel, url, date_time, extra FROM ("
                + "SELECT auction, bidder, price, channel, url, date_time, extra, ROW_NUMBER() OVER ("
                + "PARTITION BY bidder, auction ORDER BY date_time DESC, price DESC, extra DESC) AS rank_number"
                + " FROM bid) AS R WHERE rank_number <= 1";
    }

    private static String q19() {
        return "SELECT auction, bidder, price, channel, url, date_time, extra, rank_number FROM ("
                + "SELECT auction, bidder, price, channel, url, date_time, extra, ROW_NUMBER() OVER ("
                + "PARTITION BY auction ORDER BY price DESC, date_time, bidder, extra) AS rank_number"
                + " FROM bid) AS R WHERE rank_number <= 10";
    }

    private static String q20() {
        return "SELECT B.auction, B.bidder, B.price, B.channel, B.url, B.date_time, B.extra, A.item_name,"
                + " A.description, A.initial_bid, A.reserve, A.date_time AS auction_date_time, A.expires, A.seller,"
                + " A.category, A.extra AS auction_extra FROM bid B JOIN auction A ON B.auction = A.id"
                + " WHERE B.date_time BETWEEN A.date_time AND A.expires AND A.category = 10";
    }

    /** The query of this name. */
    public static Query named(String name) {
        return java.util.stream.Stream.concat(ALL.stream(), MICRO.stream()).filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Nexmark query " + name));
    }
}
