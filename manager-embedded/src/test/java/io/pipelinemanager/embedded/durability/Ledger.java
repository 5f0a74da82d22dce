package io.pipelinemanager.embedded.durability;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the client was told: every ingress request the crash tests sent, with its outcome — acknowledged
 * (200), refused (an error answer), or in doubt (no answer: the server died while it was on the wire) — and from
 * that the input the pipeline must hold. Its views are recomputed here with plain Java collections, independently
 * of the engine, from exactly that input.
 *
 * <p>Every row is identifiable by request: an insert request's rows carry its number ({@code req}) and ids no other
 * request uses; a delete request names rows by their full values. So after a crash a request in doubt is resolved
 * by looking at the table: all of its rows applied, or none (anything in between breaks the all-or-nothing rule).
 *
 * <p>Writers: each client thread touches only its own {@link Client} during a round; the test thread reads and
 * resolves between rounds.
 */
final class Ledger {

    /** Customers of the program's {@code customers} table: {@code 0 … CUSTOMERS - 1}; orders also name two more. */
    static final int CUSTOMERS = 10;
    /** Orders from this amount on are in {@code big_by_region}. */
    static final long BIG = 500;

    /** The program the crash tests run. */
    static final String PROGRAM = """
            CREATE TABLE customers (customer INT NOT NULL, region VARCHAR NOT NULL);
            CREATE TABLE orders (id BIGINT NOT NULL, req BIGINT NOT NULL, customer INT NOT NULL, amount BIGINT NOT NULL);
            CREATE TABLE fence (token BIGINT NOT NULL);
            CREATE MATERIALIZED VIEW per_customer AS
              SELECT customer, COUNT(*) AS n, SUM(amount) AS total FROM orders GROUP BY customer;
            CREATE MATERIALIZED VIEW big_by_region AS
              SELECT o.id, o.req, c.region, o.amount FROM orders o JOIN customers c ON o.customer = c.customer
              WHERE o.amount >= 500;
            """;

    /** One row of {@code orders}. */
    record Order(long id, long req, int customer, long amount) {
        String json() {
            return "{\"id\":" + id + ",\"req\":" + req + ",\"customer\":" + customer + ",\"amount\":" + amount + "}";
        }

        static Order of(JsonNode row) {
            return new Order(row.get("id").asLong(), row.get("req").asLong(), row.get("customer").asInt(),
                    row.get("amount").asLong());
        }
    }

    enum Kind { INSERT, DELETE }

    enum Outcome { SENT, ACKNOWLEDGED, REFUSED, IN_DOUBT }

    /** One ingress request to {@code orders}: its rows and what came of it. */
    static final class Request {
        final long number;
        final Kind kind;
        final List<Order> orders;
        final int round;
        /** The index of the client that sent it (whose rows a resolution changes). */
        final int client;
        volatile Outcome outcome = Outcome.SENT;
        volatile String answer;
        /** For a request in doubt or refused, once resolved: whether the pipeline holds its effect. */
        volatile Boolean applied;

        Request(long number, Kind kind, List<Order> orders, int round, int client) {
            this.number = number;
            this.client = client;
            this.kind = kind;
            this.orders = List.copyOf(orders);
            this.round = round;
        }

        String body() {
            String verb = kind == Kind.INSERT ? "insert" : "delete";
            return orders.stream().map(o -> "{\"" + verb + "\":" + o.json() + "}").collect(Collectors.joining("\n", "", "\n"));
        }

        @Override
        public String toString() {
            return kind + " #" + number + " (round " + round + ", " + orders.size() + " rows, " + outcome
                    + (answer == null ? "" : ": " + answer) + ")";
        }
    }

    /** The rows one client thread inserted and knows to be in the pipeline (the only ones it may delete). */
    static final class Client {
        final Map<Long, Order> live = new LinkedHashMap<>();
    }

    private final AtomicLong requestNumbers = new AtomicLong();
    private final AtomicLong orderIds = new AtomicLong();
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final List<Client> clients = new ArrayList<>();

    Ledger(int clients) {
        for (int i = 0; i < clients; i++) {
            this.clients.add(new Client());
        }
    }

    Client client(int index) {
        return clients.get(index);
    }

    static String region(int customer) {
        return "r" + (customer % 3);
    }

    /** The body that fills {@code customers} (sent once, acknowledged, before the first crash). */
    static String customersBody() {
        StringBuilder body = new StringBuilder();
        for (int c = 0; c < CUSTOMERS; c++) {
            body.append("{\"insert\":{\"customer\":").append(c).append(",\"region\":\"").append(region(c)).append("\"}}\n");
        }
        return body.toString();
    }

    long nextOrderId() {
        return orderIds.incrementAndGet();
    }

    long nextRequestNumber() {
        return requestNumbers.incrementAndGet();
    }

    /** Records a request about to be sent. */
    Request sending(Request request) {
        requests.add(request);
        return request;
    }

    /** The request was answered 200: its effect is in the pipeline's input for good. */
    void acknowledged(Client client, Request request, String answer) {
        request.outcome = Outcome.ACKNOWLEDGED;
        request.answer = answer;
        apply(client, request);
        acknowledged.incrementAndGet();
    }

    /** The request was answered with an error: nothing of it may be applied (checked once the round ends). */
    void refused(Client client, Request request, String answer) {
        request.outcome = Outcome.REFUSED;
        request.answer = answer;
        if (request.kind == Kind.DELETE) {
            request.orders.forEach(o -> client.live.put(o.id(), o));   // still there; may be deleted later
        }
    }

    /** The request got no answer: resolved from the pipeline's contents after the restart. */
    void inDoubt(Request request, String why) {
        request.outcome = Outcome.IN_DOUBT;
        request.answer = why;
    }

    private static void apply(Client client, Request request) {
        for (Order o : request.orders) {
            if (request.kind == Kind.INSERT) {
                client.live.put(o.id(), o);
            } else {
                client.live.remove(o.id());
            }
        }
    }

    long acknowledgedCount() {
        return acknowledged.get();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(Outcome outcome) {
        return requests.stream().filter(r -> r.outcome == outcome).toList();
    }

    /** Requests still unresolved: in doubt or refused, whose effect (none, for a refusal) is not checked yet. */
    List<Request> unresolved() {
        return requests.stream().filter(r -> (r.outcome == Outcome.IN_DOUBT || r.outcome == Outcome.REFUSED)
                && r.applied == null).toList();
    }

    /**
     * Decides each unresolved request from the rows the table holds now: an insert is applied when its rows are
     * there, a delete when its rows are gone. Returns the requests that were applied in part (which must never
     * happen) and the refused requests that were applied (which must never happen either); resolved requests
     * change the expectation accordingly.
     */
    List<String> resolve(Collection<Order> tableRows) {
        Map<Long, Long> present = tableRows.stream().collect(Collectors.groupingBy(Order::id, Collectors.counting()));
        List<String> violations = new ArrayList<>();
        for (Request r : unresolved()) {
            long there = r.orders.stream().filter(o -> present.containsKey(o.id())).count();
            boolean applied;
            if (there == 0) {
                applied = r.kind == Kind.DELETE;
            } else if (there == r.orders.size()) {
                applied = r.kind == Kind.INSERT;
            } else {
                violations.add(r + ": applied in part, " + there + " of its " + r.orders.size() + " rows are in the table");
                continue;
            }
            r.applied = applied;
            if (applied && r.outcome == Outcome.REFUSED) {
                violations.add(r + ": refused, yet applied");
            }
            if (applied) {
                apply(owner(r), r);
            } else if (r.kind == Kind.DELETE && r.outcome == Outcome.IN_DOUBT) {
                r.orders.forEach(o -> owner(r).live.put(o.id(), o));   // the rows stay; the client may delete them later
            }
        }
        return violations;
    }

    private Client owner(Request request) {
        return clients.get(request.client);
    }

    /** The rows {@code orders} must hold: every client's live rows. */
    List<Order> expectedOrders() {
        return clients.stream().flatMap(c -> c.live.values().stream()).toList();
    }

    /** {@code per_customer} recomputed from {@link #expectedOrders()}: customer → "n=…,total=…". */
    Map<String, Long> expectedPerCustomer() {
        Map<Integer, long[]> groups = new TreeMap<>();
        for (Order o : expectedOrders()) {
            long[] g = groups.computeIfAbsent(o.customer(), k -> new long[2]);
            g[0]++;
            g[1] += o.amount();
        }
        Map<String, Long> rows = new TreeMap<>();
        groups.forEach((customer, g) -> rows.merge(perCustomerRow(customer, g[0], g[1]), 1L, Long::sum));
        return rows;
    }

    static String perCustomerRow(long customer, long n, long total) {
        return "customer=" + customer + ",n=" + n + ",total=" + total;
    }

    /** {@code big_by_region} recomputed from {@link #expectedOrders()}. */
    Map<String, Long> expectedBigByRegion() {
        return expectedOrders().stream().filter(o -> o.amount() >= BIG && o.customer() < CUSTOMERS)
                .map(o -> bigRow(o.id(), o.req(), region(o.customer()), o.amount()))
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    static String bigRow(long id, long req, String region, long amount) {
        return "id=" + id + ",req=" + req + ",region=" + region + ",amount=" + amount;
    }

    /** Multiset of rows, each as a string. */
    static <T> Map<String, Long> multiset(Collection<T> rows, Function<T, String> key) {
        return rows.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }
}
