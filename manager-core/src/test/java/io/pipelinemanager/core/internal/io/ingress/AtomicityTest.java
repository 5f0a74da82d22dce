package io.pipelinemanager.core.internal.io.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.internal.io.GeneratedBody;
import io.pipelinemanager.core.internal.io.RelationShape;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A request is applied to a circuit only when every record parsed: an error at record 1000 changes nothing. */
class AtomicityTest {
    private final CircuitBuilder b = new CircuitBuilder();
    private final Circuit circuit;
    private final RelationShape table;

    AtomicityTest() {
        List<SqlType> types = List.of(SqlType.integer(), SqlType.varchar(-1).asNullable());
        b.output("V", b.input("T", types), true);
        circuit = b.build().instantiate();
        table = RelationShape.of("T", List.of("ID", "S"), circuit.definition().tableTypes("T"));
    }

    /** What the runner does: parse the whole request, then apply it in one step. */
    private void ingest(DataFormat f, InputStream body) throws IOException {
        ZSet delta = Ingress.parse(f, table, body, 1_000_000).toZSet();
        circuit.step(Map.of("T", delta));
    }

    private static InputStream json(long badRecord, String badValue) {
        return GeneratedBody.lines(i -> "{\"insert\": {\"ID\": " + (i + 1 == badRecord ? badValue : Long.toString(i)) + "}}", 2000);
    }

    @Test
    void errorAtRecord1000AppliesNothingThenAGoodRequestApplies() throws IOException {
        ManagerException e = catchThrowableOfType(() -> ingest(DataFormat.JSON, json(1000, "3000000000")), ManagerException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.ParseError);
        assertThat(e.details()).containsEntry("record", 1000L).containsEntry("column", "ID").containsEntry("line", 1000L);
        assertThat((String) e.details().get("reason")).isEqualTo("value 3000000000 out of range for INTEGER");
        assertThat(circuit.snapshot("T").isEmpty()).isTrue();
        assertThat(circuit.snapshot("V").isEmpty()).isTrue();

        ingest(DataFormat.JSON, json(-1, ""));
        assertThat(circuit.snapshot("V").totalWeight()).isEqualTo(2000);
    }

    @Test
    void csvErrorAtRecord1000AppliesNothing() {
        InputStream body = GeneratedBody.lines(i -> i == 999 ? "x,\"unterminated" : i + ",s" + i, 2000);
        ManagerException e = catchThrowableOfType(() -> ingest(DataFormat.CSV, body), ManagerException.class);
        assertThat(e.details()).containsEntry("record", 1000L);
        assertThat(circuit.snapshot("T").isEmpty()).isTrue();
    }
}
