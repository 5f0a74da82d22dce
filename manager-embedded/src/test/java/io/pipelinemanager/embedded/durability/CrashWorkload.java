package io.pipelinemanager.embedded.durability;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinemanager.embedded.durability.Ledger.Kind;
import io.pipelinemanager.embedded.durability.Ledger.Order;
import io.pipelinemanager.embedded.durability.Ledger.Outcome;
import io.pipelinemanager.embedded.durability.Ledger.Request;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tries to lose acknowledged input: client threads push random inserts and deletes into a running
 * {@code exactly_once} pipeline over HTTP while the manager running it is killed with {@code kill -9} at moments a
 * seeded {@link Random} picks (after so many acknowledged requests, right after a checkpoint was asked for, right
 * after a periodic checkpoint completed, right after a restart); after each crash the pipeline is brought back
 * (a restart, or a takeover by another instance) and its table and views are compared with a recompute of exactly
 * the input the clients were told about ({@link Ledger}). Requests in doubt are resolved from the table, each
 * applied in full or not at all.
 */
final class CrashWorkload {

    /** The managers running the pipeline: who runs it now, how it dies, how it comes back. */
    interface Cluster {
        /** The root URL of the manager that runs the pipeline now. */
        URI owner();

        /** Kills the manager that runs the pipeline with SIGKILL (and checks that it died of it). */
        void killOwner();

        /**
         * After {@link #killOwner()}: brings the pipeline back — a restart (returns once the restarted manager serves
         * its REST API) or a takeover (returns once the survivor runs the pipeline); {@link #owner()} is then the
         * manager that runs it or is bringing it back.
         */
        void recover(String pipeline, Http http);

        /** The managers' logs, for a failure message. */
        String logs();
    }

    /** When a round kills the owner. */
    enum KillMoment {
        /** After a random number (20–300) of requests were acknowledged in the round, with requests on the wire. */
        DURING_INGRESS,
        /** At once after {@code POST …/checkpoint} was answered: while that checkpoint is captured or written. */
        CHECKPOINT_REQUESTED,
        /** At once after a periodic checkpoint completed (stats show a newer one), with requests on the wire. */
        AFTER_PERIODIC_CHECKPOINT,
        /** After 1–5 acknowledged requests of a freshly recovered pipeline: recovery straight after a recovery. */
        EARLY,
        /**
         * During ingress as above, and then once more while the restarted manager brings the pipeline back
         * ({@code INITIALIZING}: compiling, loading the checkpoint, replaying the journal). Only for a cluster whose
         * {@link Cluster#recover} returns before the pipeline runs again (a restart).
         */
        DURING_RECOVERY
    }

    /** The counts of a run. */
    record Summary(long seed, int rounds, int kills, long sent, long acknowledged, long refused, long inDoubt,
                   long inDoubtApplied, long lost, long duplicated, int finalOrders) {
        @Override
        public String toString() {
            return "seed " + seed + ": " + rounds + " rounds, " + kills + " kill -9, " + sent + " requests sent, " + acknowledged
                    + " acknowledged, " + refused + " refused, " + inDoubt + " in doubt (" + inDoubtApplied
                    + " of them applied in full, the others not at all), " + lost + " lost, " + duplicated
                    + " duplicated; " + finalOrders + " orders in the final state";
        }
    }

    static final String PIPELINE = "crash";

    private final long seed;
    private final Random random;
    private final int clients;
    private final Cluster cluster;
    private final Http http = new Http();
    private final Ledger ledger;
    private final AtomicLong fenceTokens = new AtomicLong();
    private int roundsDone;
    private int kills;
    private long lost;
    private long duplicated;

    CrashWorkload(long seed, int clients, Cluster cluster) {
        this.seed = seed;
        this.random = new Random(seed);
        this.clients = clients;
        this.cluster = cluster;
        this.ledger = new Ledger(clients);
    }

    Http http() {
        return http;
    }

    /**
     * Creates the program and the pipeline with {@code config} (the pipeline's {@code config} object), starts it,
     * waits until it runs (in mode {@code exactly_once} on a checkpoint store of kind {@code store}: a manager
     * without a store would silently keep the state in memory only) and fills {@code customers}.
     */
    void create(String pipelineConfigJson, String store) {
        URI base = cluster.owner();
        Http.Answer program = http.postJsonAnswered(base, "api/programs", "{\"name\":\"crash\",\"code\":"
                + quote(Ledger.PROGRAM) + "}");
        assertThat(program.status()).as("create program: %s", program).isEqualTo(201);
        await("program compiled").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.getAnswered(base, "api/programs/crash").json().path("status").asText(), s -> {
                    assertThat(s).isNotIn("SQL_ERROR", "SYSTEM_ERROR");
                    return s.equals("SUCCESS");
                });
        Http.Answer pipeline = http.postJsonAnswered(base, "api/pipelines", "{\"name\":\"" + PIPELINE
                + "\",\"program\":\"crash\",\"config\":" + pipelineConfigJson + "}");
        assertThat(pipeline.status()).as("create pipeline: %s", pipeline).isEqualTo(201);
        Http.Answer start = http.postJsonAnswered(base, "api/pipelines/" + PIPELINE + "/start", null);
        assertThat(start.status()).as("start: %s", start).isEqualTo(202);
        awaitRunning(http, base);
        JsonNode durability = stats(base).path("checkpoint");
        assertThat(durability.path("fault_tolerance").asText()).as("mode in effect: %s", durability).isEqualTo("exactly_once");
        assertThat(durability.path("store").asText()).as("checkpoint store: %s", durability).isEqualTo(store);
        Http.Answer customers = ingress(base, "customers", Ledger.customersBody());
        assertThat(customers.status()).as("customers: %s", customers).isEqualTo(200);
    }

    private static String quote(String text) {
        try {
            return Http.JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Http.Answer ingress(URI base, String table, String ndjson) {
        try {
            return http.post(base, "api/pipelines/" + PIPELINE + "/ingress/" + table, "application/x-ndjson", ndjson);
        } catch (IOException e) {
            throw new AssertionError("ingress into " + table + " got no answer from a running manager", e);
        }
    }

    /** Waits until {@code base} runs the pipeline: its stats answer (only the instance running it has them) RUNNING. */
    static void awaitRunning(Http http, URI base) {
        await("pipeline RUNNING on " + base).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> {
                    Http.Answer stats = http.get(base, "api/pipelines/" + PIPELINE + "/stats");
                    return stats.ok() && "RUNNING".equals(stats.json().path("status").asText());
                });
    }

    /**
     * Runs one kill round per moment, then a last stretch without a kill, checking the pipeline's contents after
     * every recovery and at the end.
     */
    Summary run(List<KillMoment> moments) {
        for (KillMoment moment : moments) {
            round(moment);
        }
        // A last stretch without a crash: the recovered pipeline keeps computing correctly.
        Clients running = startClients(roundsDone + 1);
        long target = ledger.acknowledgedCount() + 50;
        awaitAcknowledged(running, target);
        running.stop();
        fence(cluster.owner());
        verify("after a last stretch without a kill");
        return summary();
    }

    private void round(KillMoment moment) {
        int round = ++roundsDone;
        long before = ledger.acknowledgedCount();
        long target = before + switch (moment) {
            case EARLY -> 1 + random.nextInt(5);
            case DURING_INGRESS, CHECKPOINT_REQUESTED, DURING_RECOVERY -> 20 + random.nextInt(281);
            case AFTER_PERIODIC_CHECKPOINT -> 1 + random.nextInt(50);
        };
        URI owner = cluster.owner();
        Clients running = startClients(round);
        awaitAcknowledged(running, target);
        JsonNode statsBefore = stats(owner);
        switch (moment) {
            case CHECKPOINT_REQUESTED -> {
                Http.Answer checkpoint = http.postJsonAnswered(owner, "api/pipelines/" + PIPELINE + "/checkpoint", null);
                assertThat(checkpoint.status()).as("POST checkpoint: %s", checkpoint).isEqualTo(202);
            }
            case AFTER_PERIODIC_CHECKPOINT -> {
                long written = statsBefore.path("checkpoint").path("checkpoints").asLong();
                await("a periodic checkpoint after the " + written + " this run wrote").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> stats(owner).path("checkpoint").path("checkpoints").asLong() > written);
            }
            default -> {
            }
        }
        kill();
        running.stop();
        long acknowledgedInRound = ledger.acknowledgedCount() - before;
        cluster.recover(PIPELINE, http);
        if (moment == KillMoment.DURING_RECOVERY) {
            URI restarted = cluster.owner();
            String[] seen = new String[1];
            await("pipeline INITIALIZING on " + restarted).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .ignoreExceptions().until(() -> {
                        seen[0] = http.get(restarted, "api/pipelines/" + PIPELINE).json().path("status").asText();
                        return seen[0].equals("INITIALIZING") || http.get(restarted, "api/pipelines/" + PIPELINE + "/stats").ok();
                    });
            kill();
            System.out.printf("round %d (%s): killed again while the pipeline was %s%n", round, moment,
                    seen[0].equals("INITIALIZING") ? "INITIALIZING" : "already running");
            cluster.recover(PIPELINE, http);
        }
        URI recovered = cluster.owner();
        try {
            awaitRunning(http, recovered);
        } catch (ConditionTimeoutException e) {
            Http.Answer last = http.getAnswered(recovered, "api/pipelines/" + PIPELINE);
            throw new AssertionError("round " + round + " (" + moment + "): " + e.getMessage() + "\nthe pipeline: "
                    + last + "\nthe manager's logs:" + cluster.logs(), e);
        }
        fence(recovered);
        JsonNode statsAfter = stats(recovered);
        System.out.printf("round %d (%s): killed after %d acknowledged requests in the round, %d in doubt; before the "
                        + "kill: step %d, last checkpoint at step %d; recovered (after a fence): step %d, %d journal records replayed in %d ms%n",
                round, moment, acknowledgedInRound, running.inDoubt.get(), statsBefore.path("steps").asLong(),
                statsBefore.path("checkpoint").path("last_checkpoint_step").asLong(), statsAfter.path("steps").asLong(),
                statsAfter.path("checkpoint").path("replayed_records").asLong(),
                statsAfter.path("checkpoint").path("recovery_millis").asLong());
        // Step numbers survive a crash: the recovered pipeline goes on from the last step before the kill.
        assertThat(statsAfter.path("steps").asLong()).as("steps after recovery (stats before the kill: %s)", statsBefore)
                .isGreaterThanOrEqualTo(statsBefore.path("steps").asLong());
        verify("after round " + round + " (" + moment + ")");
    }

    private JsonNode stats(URI base) {
        Http.Answer stats = http.getAnswered(base, "api/pipelines/" + PIPELINE + "/stats");
        assertThat(stats.status()).as("stats: %s", stats).isEqualTo(200);
        return stats.json();
    }

    private void kill() {
        cluster.killOwner();
        kills++;
    }

    private void awaitAcknowledged(Clients running, long target) {
        await("acknowledged requests ≥ " + target).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                .failFast("every client stopped (refused or unanswered requests): " + ledger.requests(Outcome.REFUSED),
                        running::allStopped)
                .until(() -> ledger.acknowledgedCount() >= target);
    }

    /**
     * Pushes a fresh token into {@code fence} and waits until a query sees it: input is processed in order, so
     * everything the pipeline took in before (journal replay included) is then in its tables and views.
     */
    private void fence(URI base) {
        long token = fenceTokens.incrementAndGet();
        await("fence " + token + " accepted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> ingress(base, "fence", "{\"insert\":{\"token\":" + token + "}}\n").ok());
        await("fence " + token + " processed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> http.query(base, PIPELINE, "SELECT token FROM fence").stream()
                        .anyMatch(row -> row.path("token").asLong() == token));
    }

    /**
     * Resolves the requests in doubt from the table, then compares the table and both views with the recompute of
     * the acknowledged (and resolved) input; any difference fails with the lost and duplicated rows.
     */
    private void verify(String when) {
        URI base = cluster.owner();
        List<Order> table = http.query(base, PIPELINE, "SELECT id, req, customer, amount FROM orders").stream()
                .map(Order::of).toList();
        List<String> violations = new ArrayList<>(ledger.resolve(table));
        Map<String, Long> expectedOrders = Ledger.multiset(ledger.expectedOrders(), Order::toString);
        Map<String, Long> actualOrders = Ledger.multiset(table, Order::toString);
        long missing = difference(expectedOrders, actualOrders, "orders: lost", violations);
        long extra = difference(actualOrders, expectedOrders, "orders: duplicated or never acknowledged", violations);
        lost += missing;
        duplicated += extra;

        Map<String, Long> perCustomer = Ledger.multiset(http.query(base, PIPELINE, "SELECT customer, n, total FROM per_customer"),
                r -> Ledger.perCustomerRow(r.path("customer").asLong(), r.path("n").asLong(), r.path("total").asLong()));
        compare("per_customer", ledger.expectedPerCustomer(), perCustomer, violations);
        Map<String, Long> big = Ledger.multiset(http.query(base, PIPELINE, "SELECT id, req, region, amount FROM big_by_region"),
                r -> Ledger.bigRow(r.path("id").asLong(), r.path("req").asLong(), r.path("region").asText(), r.path("amount").asLong()));
        compare("big_by_region", ledger.expectedBigByRegion(), big, violations);
        Map<String, Long> customers = Ledger.multiset(http.query(base, PIPELINE, "SELECT customer, region FROM customers"),
                r -> r.path("customer").asInt() + "/" + r.path("region").asText());
        Map<String, Long> expectedCustomers = new TreeMap<>();
        for (int c = 0; c < Ledger.CUSTOMERS; c++) {
            expectedCustomers.put(c + "/" + Ledger.region(c), 1L);
        }
        compare("customers", expectedCustomers, customers, violations);

        if (!violations.isEmpty()) {
            throw new AssertionError("Acknowledged input and the pipeline disagree " + when + " (" + summary() + "):\n  "
                    + violations.stream().limit(60).collect(Collectors.joining("\n  "))
                    + (violations.size() > 60 ? "\n  … " + (violations.size() - 60) + " more" : "")
                    + "\nManagers' logs:" + cluster.logs());
        }
        System.out.printf("verified %s: %d orders, %d per_customer rows, %d big_by_region rows — %s%n", when,
                table.size(), perCustomer.size(), big.values().stream().mapToLong(Long::longValue).sum(), summary());
    }

    private static void compare(String view, Map<String, Long> expected, Map<String, Long> actual, List<String> violations) {
        difference(expected, actual, view + ": missing", violations);
        difference(actual, expected, view + ": unexpected", violations);
    }

    /** Adds a line per row {@code a} holds more often than {@code b}; returns how many such copies there are. */
    private static long difference(Map<String, Long> a, Map<String, Long> b, String what, List<String> violations) {
        long copies = 0;
        for (var e : a.entrySet()) {
            long more = e.getValue() - b.getOrDefault(e.getKey(), 0L);
            if (more > 0) {
                copies += more;
                violations.add(what + " " + e.getKey() + (more > 1 ? " ×" + more : ""));
            }
        }
        return copies;
    }

    Summary summary() {
        List<Request> all = ledger.requests();
        long inDoubt = all.stream().filter(r -> r.outcome == Outcome.IN_DOUBT).count();
        long applied = all.stream().filter(r -> r.outcome == Outcome.IN_DOUBT && Boolean.TRUE.equals(r.applied)).count();
        long refused = all.stream().filter(r -> r.outcome == Outcome.REFUSED).count();
        return new Summary(seed, roundsDone, kills, all.size(), ledger.acknowledgedCount(), refused, inDoubt, applied, lost,
                duplicated, ledger.expectedOrders().size());
    }

    private Clients startClients(int round) {
        return new Clients(round);
    }

    /** The client threads of one round; each stops at its first unanswered or refused request, or when told to. */
    private final class Clients {
        private final ExecutorService threads = Executors.newFixedThreadPool(clients);
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger stopped = new AtomicInteger();
        private final AtomicInteger inDoubt = new AtomicInteger();
        private final List<CompletableFuture<Void>> running = new ArrayList<>();
        private final URI owner = cluster.owner();

        Clients(int round) {
            for (int i = 0; i < clients; i++) {
                int index = i;
                Random r = new Random(seed * 1_000_003L + round * 101L + index);
                running.add(CompletableFuture.runAsync(() -> push(round, index, r), threads));
            }
        }

        boolean allStopped() {
            return stopped.get() == clients;
        }

        private void push(int round, int index, Random r) {
            Ledger.Client client = ledger.client(index);
            try {
                while (!stop.get()) {
                    Request request = ledger.sending(next(round, index, client, r));
                    Http.Answer answer;
                    try {
                        answer = http.post(owner, "api/pipelines/" + PIPELINE + "/ingress/orders", "application/x-ndjson",
                                request.body());
                    } catch (IOException e) {
                        ledger.inDoubt(request, e.toString());
                        inDoubt.incrementAndGet();
                        return;
                    }
                    if (answer.ok()) {
                        ledger.acknowledged(client, request, answer.body());
                    } else {
                        ledger.refused(client, request, answer.toString());
                        return;
                    }
                }
            } finally {
                stopped.incrementAndGet();
            }
        }

        private Request next(int round, int index, Ledger.Client client, Random r) {
            long number = ledger.nextRequestNumber();
            List<Order> orders = new ArrayList<>();
            if (!client.live.isEmpty() && r.nextInt(10) < 3) {
                List<Long> ids = new ArrayList<>(client.live.keySet());
                int n = 1 + r.nextInt(Math.min(8, ids.size()));
                TreeSet<Integer> picked = new TreeSet<>();
                while (picked.size() < n) {
                    picked.add(r.nextInt(ids.size()));
                }
                for (int i : picked) {
                    orders.add(client.live.remove(ids.get(i)));   // pending until the answer (or the resolution)
                }
                return new Request(number, Kind.DELETE, orders, round, index);
            }
            int n = 1 + r.nextInt(30);
            for (int i = 0; i < n; i++) {
                orders.add(new Order(ledger.nextOrderId(), number, r.nextInt(Ledger.CUSTOMERS + 2), 1 + r.nextInt(1000)));
            }
            return new Request(number, Kind.INSERT, orders, round, index);
        }

        /** Tells the clients to stop and waits for them (a killed server fails their requests in flight at once). */
        void stop() {
            stop.set(true);
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).orTimeout(90, TimeUnit.SECONDS).join();
            threads.shutdown();
        }
    }
}
