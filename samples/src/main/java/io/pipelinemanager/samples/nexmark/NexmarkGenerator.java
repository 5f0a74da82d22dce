package io.pipelinemanager.samples.nexmark;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * A deterministic Nexmark event generator, written from the benchmark's description (person / auction / bid
 * events in the proportion 1 : 3 : 46, hot auctions, bidders and sellers, event times that never go back,
 * the usual field sizes and value ranges). Event {@code n} depends only on {@code n} and the seed, so any
 * range of events can be produced on its own, in any order, by any number of readers (the Flink side reads
 * the same events this way).
 *
 * <ul>
 *   <li>Of every 50 events, the first is a person, the next 3 auctions, the other 46 bids.</li>
 *   <li>Ids: persons and auctions are numbered from 1000 in event order. A new auction's seller is, 3 times
 *       in 4, a "hot" seller (the latest person id rounded down to a multiple of 100), else one of the 1000
 *       most recent persons (or one of the next 10 not yet seen). A bid's auction is, every other time, a hot
 *       auction (the latest auction id rounded down to a multiple of 100), else one of the 100 most recent
 *       auctions (or of the next 10); its bidder is, 3 times in 4, a hot bidder (latest person id rounded down
 *       to a multiple of 100, plus 1), else a recent person.</li>
 *   <li>Event time: {@link #EVENTS_PER_SECOND} events per second of event time from {@link #BASE_TIME}, so
 *       times never decrease. An auction expires 1 ms to about twice the time 100 auctions take to arrive
 *       after it opens.</li>
 *   <li>Prices: {@code round(10^(6u) * 100)} for uniform {@code u}, i.e. 1.00 to 1,000,000.00 in cents,
 *       log-uniform. Categories 10–14. Channels: half of the bids come from one of four hot channels
 *       (Google, Facebook, Baidu, Apple, each with its own URL), the others from {@code channel-N}
 *       ({@code N} < 10 000) with {@code &channel_id=N} in the URL.</li>
 *   <li>Sizes: names and strings of lowercase letters with some blanks; {@code extra} pads a person to
 *       about 200 bytes, an auction to 500 and a bid to 100.</li>
 * </ul>
 */
public final class NexmarkGenerator implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Event time of event 0. */
    public static final LocalDateTime BASE_TIME = LocalDateTime.of(2026, 1, 1, 12, 0);
    /** Events per second of event time. */
    public static final int EVENTS_PER_SECOND = 10_000;

    static final int PERSON_PROPORTION = 1;
    static final int AUCTION_PROPORTION = 3;
    static final int BID_PROPORTION = 46;
    static final int TOTAL_PROPORTION = PERSON_PROPORTION + AUCTION_PROPORTION + BID_PROPORTION;
    static final long FIRST_PERSON_ID = 1000;
    static final long FIRST_AUCTION_ID = 1000;
    static final long FIRST_CATEGORY_ID = 10;
    static final int NUM_CATEGORIES = 5;
    static final int NUM_ACTIVE_PEOPLE = 1000;
    static final int PERSON_ID_LEAD = 10;
    static final int NUM_IN_FLIGHT_AUCTIONS = 100;
    static final int AUCTION_ID_LEAD = 10;
    static final int HOT_AUCTION_RATIO = 2;
    static final int HOT_BIDDER_RATIO = 4;
    static final int HOT_SELLER_RATIO = 4;
    static final int HOT_ROUNDING = 100;
    static final int PERSON_BYTES = 200;
    static final int AUCTION_BYTES = 500;
    static final int BID_BYTES = 100;
    static final int CHANNELS = 10_000;

    static final String[] STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
    static final String[] CITIES = {"Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend",
            "Redmond", "Seattle", "Kent", "Cheyenne"};
    static final String[] FIRST_NAMES = {"Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah",
            "Deiter", "Walter"};
    static final String[] LAST_NAMES = {"Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones",
            "Noris"};
    static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};

    /** A person: a user who sells or bids. */
    public record Person(long id, String name, String email_address, String credit_card, String city, String state,
                         LocalDateTime date_time, String extra) implements Serializable {
    }

    /** An auction. */
    public record Auction(long id, String item_name, String description, long initial_bid, long reserve,
                          LocalDateTime date_time, LocalDateTime expires, long seller, long category, String extra)
            implements Serializable {
    }

    /** A bid on an auction. */
    public record Bid(long auction, long bidder, long price, String channel, String url, LocalDateTime date_time,
                      String extra) implements Serializable {
    }

    /** The kind of event {@code n}. */
    public enum Kind { PERSON, AUCTION, BID }

    private final long seed;
    private final String[] hotUrls;

    public NexmarkGenerator(long seed) {
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        hotUrls = new String[HOT_CHANNELS.length];
        for (int i = 0; i < hotUrls.length; i++) {
            hotUrls[i] = baseUrl(random);
        }
    }

    /** The seed: a generator made with it gives the same events. */
    public long seed() {
        return seed;
    }

    /** The kind of event {@code n}, without generating it. */
    public static Kind kind(long n) {
        long offset = n % TOTAL_PROPORTION;
        if (offset < PERSON_PROPORTION) {
            return Kind.PERSON;
        }
        return offset < PERSON_PROPORTION + AUCTION_PROPORTION ? Kind.AUCTION : Kind.BID;
    }

    /** Event {@code n}: a {@link Person}, an {@link Auction} or a {@link Bid}. */
    public Object event(long n) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n);
        LocalDateTime time = time(n);
        return switch (kind(n)) {
            case PERSON -> person(n, random, time);
            case AUCTION -> auction(n, random, time);
            case BID -> bid(n, random, time);
        };
    }

    /** The event time of event {@code n}, in milliseconds since the epoch. */
    public static long timeMillis(long n) {
        return BASE_TIME.toInstant(ZoneOffset.UTC).toEpochMilli() + n * 1000 / EVENTS_PER_SECOND;
    }

    static LocalDateTime time(long n) {
        return BASE_TIME.plusNanos((n * 1000 / EVENTS_PER_SECOND) * 1_000_000L);
    }

    private Person person(long n, SplittableRandom random, LocalDateTime time) {
        long id = lastPersonId(n) + FIRST_PERSON_ID;
        String name = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " "
                + LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String email = string(random, 7) + "@" + string(random, 5) + ".com";
        String card = digits(random, 4) + " " + digits(random, 4) + " " + digits(random, 4) + " " + digits(random, 4);
        String city = CITIES[random.nextInt(CITIES.length)];
        String state = STATES[random.nextInt(STATES.length)];
        int size = 8 + name.length() + email.length() + card.length() + city.length() + state.length() + 8;
        return new Person(id, name, email, card, city, state, time, extra(random, size, PERSON_BYTES));
    }

    private Auction auction(long n, SplittableRandom random, LocalDateTime time) {
        long id = lastAuctionId(n) + FIRST_AUCTION_ID;
        long seller = random.nextInt(HOT_SELLER_RATIO) > 0
                ? (lastPersonId(n) / HOT_ROUNDING) * HOT_ROUNDING
                : nextPersonId(n, random);
        seller += FIRST_PERSON_ID;
        long category = FIRST_CATEGORY_ID + random.nextInt(NUM_CATEGORIES);
        long initialBid = price(random);
        LocalDateTime expires = time.plusNanos(auctionLengthMillis(n, random) * 1_000_000L);
        String itemName = string(random, 20);
        String description = string(random, 100);
        long reserve = initialBid + price(random);
        int size = 8 + itemName.length() + description.length() + 8 + 8 + 8 + 8 + 8;
        return new Auction(id, itemName, description, initialBid, reserve, time, expires, seller, category,
                extra(random, size, AUCTION_BYTES));
    }

    private Bid bid(long n, SplittableRandom random, LocalDateTime time) {
        long auction = random.nextInt(HOT_AUCTION_RATIO) > 0
                ? (lastAuctionId(n) / HOT_ROUNDING) * HOT_ROUNDING
                : nextAuctionId(n, random);
        auction += FIRST_AUCTION_ID;
        long bidder = random.nextInt(HOT_BIDDER_RATIO) > 0
                ? (lastPersonId(n) / HOT_ROUNDING) * HOT_ROUNDING + 1
                : nextPersonId(n, random);
        bidder += FIRST_PERSON_ID;
        long price = price(random);
        String channel;
        String url;
        if (random.nextInt(2) > 0) {
            int hot = random.nextInt(HOT_CHANNELS.length);
            channel = HOT_CHANNELS[hot];
            url = hotUrls[hot];
        } else {
            int number = random.nextInt(CHANNELS);
            channel = "channel-" + number;
            url = baseUrl(random) + "&channel_id=" + number;
        }
        int size = 8 + 8 + 8 + channel.length() + url.length() + 8;
        return new Bid(auction, bidder, price, channel, url, time, extra(random, size, BID_BYTES));
    }

    /** The 0-based id of the last person created at or before event {@code n}. */
    static long lastPersonId(long n) {
        long epoch = n / TOTAL_PROPORTION;
        long offset = n % TOTAL_PROPORTION;
        if (offset >= PERSON_PROPORTION) {
            offset = PERSON_PROPORTION - 1;
        }
        return epoch * PERSON_PROPORTION + offset;
    }

    /** The 0-based id of the last auction created at or before event {@code n} (−1 before the first). */
    static long lastAuctionId(long n) {
        long epoch = n / TOTAL_PROPORTION;
        long offset = n % TOTAL_PROPORTION;
        if (offset < PERSON_PROPORTION) {
            epoch--;
            offset = AUCTION_PROPORTION - 1;
        } else if (offset >= PERSON_PROPORTION + AUCTION_PROPORTION) {
            offset = AUCTION_PROPORTION - 1;
        } else {
            offset -= PERSON_PROPORTION;
        }
        return epoch * AUCTION_PROPORTION + offset;
    }

    /** One of the most recent persons, or one of the next few not created yet. */
    private static long nextPersonId(long n, SplittableRandom random) {
        long people = lastPersonId(n) + 1;
        long active = Math.min(people, NUM_ACTIVE_PEOPLE);
        return people - active + random.nextLong(active + PERSON_ID_LEAD);
    }

    /** One of the auctions in flight, or one of the next few not created yet. */
    private static long nextAuctionId(long n, SplittableRandom random) {
        long max = Math.max(lastAuctionId(n), 0);
        long min = Math.max(max - NUM_IN_FLIGHT_AUCTIONS, 0);
        return min + random.nextLong(max - min + 1 + AUCTION_ID_LEAD);
    }

    /** 1 ms up to twice the event time that the next 100 auctions take to arrive. */
    private static long auctionLengthMillis(long n, SplittableRandom random) {
        long eventsFor = (long) NUM_IN_FLIGHT_AUCTIONS * TOTAL_PROPORTION / AUCTION_PROPORTION;
        long horizon = timeMillis(n + eventsFor) - timeMillis(n);
        return 1 + random.nextLong(Math.max(horizon * 2, 1));
    }

    private static long price(SplittableRandom random) {
        return Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
    }

    private static String baseUrl(SplittableRandom random) {
        return "https://www.nexmark.com/" + string(random, 5, '_') + "/" + string(random, 5, '_') + "/"
                + string(random, 5, '_') + "/item.htm?query=1";
    }

    /** 3 to {@code max} − 1 lowercase letters, about one in 13 a blank. */
    private static String string(SplittableRandom random, int max) {
        return string(random, max, ' ');
    }

    private static String string(SplittableRandom random, int max, char special) {
        int length = 3 + random.nextInt(max - 3);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(random.nextInt(13) == 0 ? special : (char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    private static String exact(SplittableRandom random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(random.nextInt(13) == 0 ? ' ' : (char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    private static String digits(SplittableRandom random, int count) {
        StringBuilder s = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    /** Pads an event of {@code size} bytes to about {@code average} (±20%). */
    private static String extra(SplittableRandom random, int size, int average) {
        if (size >= average) {
            return "";
        }
        int wanted = average - size;
        int delta = Math.round(wanted * 0.2f);
        int length = wanted - delta + (delta == 0 ? 0 : random.nextInt(2 * delta));
        return exact(random, length);
    }
}
