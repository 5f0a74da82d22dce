package io.pipelinemanager.samples.nexmark;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.samples.nexmark.NexmarkBenchmark.Result;
import io.pipelinemanager.samples.nexmark.NexmarkGenerator.Auction;
import io.pipelinemanager.samples.nexmark.NexmarkGenerator.Bid;
import io.pipelinemanager.samples.nexmark.NexmarkGenerator.Person;
import io.pipelinemanager.samples.nexmark.NexmarkQueries.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the benchmark's correctness in the normal build: a few thousand events through every query, each
 * view's final contents compared with H2's evaluation of the same question; the one query we refuse is refused
 * with the compiler's diagnostic. No timing is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NexmarkBenchmarkTest {

    static final long EVENTS = 3_000;
    static final NexmarkGenerator GENERATOR = new NexmarkGenerator(7);

    PipelineManager manager;
    NexmarkOracle oracle;

    @BeforeAll
    void start() throws Exception {
        manager = NexmarkBenchmark.manager();
        oracle = NexmarkOracle.load(GENERATOR, EVENTS);
    }

    @AfterAll
    void stop() throws Exception {
        oracle.close();
        manager.close();
    }

    static Stream<String> supported() {
        return Stream.concat(NexmarkQueries.ALL.stream(), NexmarkQueries.MICRO.stream()).map(Query::name)
                .filter(n -> !n.equals("q12"));
    }

    @ParameterizedTest
    @MethodSource("supported")
    void matchesTheOracle(String name) throws Exception {
        Query query = NexmarkQueries.named(name);
        List<String> rows = new ArrayList<>();
        // Batches of 500 events: several steps, so the views are maintained incrementally, not computed once.
        Result result = new NexmarkBenchmark(manager, 500).run(GENERATOR, query, EVENTS, rows);
        assertThat(result.error()).as("compile diagnostics of %s", name).isNull();
        assertThat(NexmarkBenchmark.check(oracle, query, rows)).startsWith("ok");
        assertThat(result.outputRows()).isEqualTo(rows.size());
    }

    @Test
    void q12NeedsProcessingTimeWhichWeDoNotHave() throws Exception {
        Result result = new NexmarkBenchmark(manager, 500).run(GENERATOR, NexmarkQueries.named("q12"), 10, null);
        assertThat(result.error()).contains("UnknownFunction").contains("PROCTIME");
    }

    @Test
    void mostQueriesHaveRowsToCompare() throws Exception {
        // An empty result compares equal to an empty oracle: make sure the generator feeds every query's filters.
        int empty = 0;
        for (String name : supported().toList()) {
            if (oracle.rows(NexmarkQueries.named(name).oracle()).isEmpty()) {
                empty++;
            }
        }
        assertThat(empty).isZero();
    }

    @Test
    void generatorFollowsTheMixAndIsDeterministic() {
        NexmarkGenerator again = new NexmarkGenerator(7);
        int persons = 0;
        int auctions = 0;
        int bids = 0;
        LocalDateTime last = LocalDateTime.MIN;
        Set<Long> bidAuctions = new HashSet<>();
        for (long n = 0; n < 5_000; n++) {
            Object event = GENERATOR.event(n);
            assertThat(again.event(n)).isEqualTo(event);
            LocalDateTime time;
            if (event instanceof Person p) {
                persons++;
                time = p.date_time();
                assertThat(p.id()).isEqualTo(1000 + n / 50);
            } else if (event instanceof Auction a) {
                auctions++;
                time = a.date_time();
                assertThat(a.expires()).isAfter(a.date_time());
                assertThat(a.category()).isBetween(10L, 14L);
                assertThat(a.reserve()).isGreaterThan(a.initial_bid());
            } else {
                Bid b = (Bid) event;
                bids++;
                time = b.date_time();
                bidAuctions.add(b.auction());
                assertThat(b.price()).isBetween(100L, 100_000_000L);
            }
            assertThat(time).isAfterOrEqualTo(last);
            last = time;
        }
        assertThat(persons).isEqualTo(100);
        assertThat(auctions).isEqualTo(300);
        assertThat(bids).isEqualTo(4600);
        assertThat(bidAuctions.size()).as("hot auctions: few auctions get many bids").isLessThan(300);
        assertThat(new NexmarkGenerator(8).event(10)).isNotEqualTo(GENERATOR.event(10));
    }
}
