package io.pipelinemanager.embedded.durability;

import io.pipelinemanager.embedded.durability.Ledger.Kind;
import io.pipelinemanager.embedded.durability.Ledger.Order;
import io.pipelinemanager.embedded.durability.Ledger.Request;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The crash tests' bookkeeping tells applied, unapplied and half-applied requests apart, and recomputes the views. */
class LedgerTest {

    private final Ledger ledger = new Ledger(1);
    private final Ledger.Client client = ledger.client(0);

    private Request insert(Order... orders) {
        return ledger.sending(new Request(ledger.nextRequestNumber(), Kind.INSERT, List.of(orders), 1, 0));
    }

    private Request delete(Order... orders) {
        for (Order o : orders) {
            client.live.remove(o.id());
        }
        return ledger.sending(new Request(ledger.nextRequestNumber(), Kind.DELETE, List.of(orders), 1, 0));
    }

    @Test
    void requestsInDoubtAreResolvedFromTheTableAndAHalfAppliedOneIsAViolation() {
        Order a = new Order(1, 1, 0, 700);
        Order b = new Order(2, 1, 1, 10);
        ledger.acknowledged(client, insert(a, b), "200");
        Order c = new Order(3, 2, 0, 5);
        Order d = new Order(4, 2, 11, 900);
        Request applied = insert(c, d);
        ledger.inDoubt(applied, "killed");
        Request notApplied = insert(new Order(5, 3, 2, 1));
        ledger.inDoubt(notApplied, "killed");
        Request half = insert(new Order(6, 4, 2, 1), new Order(7, 4, 2, 1));
        ledger.inDoubt(half, "killed");
        Request deleted = delete(b);
        ledger.inDoubt(deleted, "killed");

        List<Order> table = List.of(a, c, d, new Order(6, 4, 2, 1));
        List<String> violations = ledger.resolve(table);

        assertThat(violations).singleElement().asString().contains("INSERT #" + half.number, "applied in part");
        assertThat(applied.applied).isTrue();
        assertThat(notApplied.applied).isFalse();
        assertThat(deleted.applied).isTrue();
        assertThat(ledger.expectedOrders()).containsExactlyInAnyOrder(a, c, d);
        assertThat(ledger.expectedPerCustomer()).containsOnlyKeys(Ledger.perCustomerRow(0, 2, 705),
                Ledger.perCustomerRow(11, 1, 900));
        assertThat(ledger.expectedBigByRegion()).isEqualTo(Map.of(Ledger.bigRow(1, 1, "r0", 700), 1L));
    }

    @Test
    void aRefusedRequestFoundAppliedIsAViolationAndAnUnappliedDeleteKeepsItsRows() {
        Order a = new Order(1, 1, 0, 700);
        Order b = new Order(2, 1, 1, 10);
        ledger.acknowledged(client, insert(a, b), "200");
        Request refused = insert(new Order(3, 2, 0, 1));
        ledger.refused(client, refused, "429");
        Request keptRows = delete(b);
        ledger.inDoubt(keptRows, "killed");

        List<Order> table = new ArrayList<>(List.of(a, b, new Order(3, 2, 0, 1)));
        assertThat(ledger.resolve(table)).singleElement().asString().contains("refused, yet applied");
        assertThat(keptRows.applied).isFalse();
        // The violation is reported once: the expectation follows what the table holds.
        assertThat(ledger.expectedOrders()).containsExactlyInAnyOrder(a, b, new Order(3, 2, 0, 1));
    }
}
