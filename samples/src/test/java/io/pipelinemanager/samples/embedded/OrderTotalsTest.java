package io.pipelinemanager.samples.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed-API sample prints exactly the changes its pushes cause, step by step, on every run. */
class OrderTotalsTest {

    static final String EXPECTED = """
            applied in step 1: customers ann (Oslo) and bob (Lima)
              step 2 insert CustomerTotal[name=ann, city=Oslo, orders=2, total=19.75]
              step 2 insert CustomerTotal[name=bob, city=Lima, orders=1, total=3.00]
            applied in step 2: three orders
              step 3 delete CustomerTotal[name=bob, city=Lima, orders=1, total=3.00]
            applied in step 3: bob's order cancelled
              step 4 delete CustomerTotal[name=ann, city=Oslo, orders=2, total=19.75]
              step 4 insert CustomerTotal[name=ann, city=Bergen, orders=2, total=19.75]
            applied in step 4: ann moves to Bergen
            now: [[ann, Bergen, 2, 19.75]]
            """;

    @Test
    @Timeout(120)
    void mainPrintsEachStepsTypedChangesAfterThePushThatCausedThem() throws Exception {
        for (int run = 1; run <= 2; run++) {
            assertThat(EmbeddedQuickStartTest.stdout(OrderTotals::main).replace("\r\n", "\n")).as("run %d", run)
                    .isEqualTo(EXPECTED);
        }
    }
}
