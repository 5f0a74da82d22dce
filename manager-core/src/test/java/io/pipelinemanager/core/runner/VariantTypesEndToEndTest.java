package io.pipelinemanager.core.runner;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.api.DataFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * VARIANT columns through the facade: any JSON value in through JSON ingress (and JSON text through CSV), views
 * that subscript, cast and group by variants after inserts and deletes, snapshot queries, and variants out as
 * JSON values (not strings) in JSON and as JSON text in CSV. Bad JSON for a VARIANT column is refused with the
 * column. (Semantics are compared with PostgreSQL's jsonb in the compiler's VariantPostgresTest.)
 */
class VariantTypesEndToEndTest {

    private static final String SQL = """
            CREATE TABLE events (id INT, payload VARIANT);
            CREATE MATERIALIZED VIEW typed AS
              SELECT id, CAST(payload['user'] AS VARCHAR) AS usr, CAST(payload['amount'] AS DECIMAL(8, 2)) AS amount,
                     payload['tags'][1] AS first_tag, payload['meta'] AS meta FROM events;
            CREATE MATERIALIZED VIEW per_user AS
              SELECT payload['user'] AS usr, COUNT(*) AS n, SUM(CAST(payload['amount'] AS DECIMAL(8, 2))) AS total
              FROM events GROUP BY payload['user'];
            CREATE MATERIALIZED VIEW rebuilt AS
              SELECT id, CAST(ARRAY[id, id * 10] AS VARIANT) AS ids, PARSE_JSON('{"k": [1, null]}') AS fixed FROM events;
            """;

    @RegisterExtension
    static final RunningPipeline pipeline = new RunningPipeline("variants", SQL);

    private void push(DataFormat format, String body) {
        pipeline.ingest("events", format, body);
    }

    @Test
    void jsonValuesFlowInThroughViewsAndOutAsJson() throws Exception {
        String a = "{\"id\": 1, \"payload\": {\"user\": \"ann\", \"amount\": 12.5, \"tags\": [\"x\", \"y\"],"
                + " \"meta\": {\"z\": null, \"b\": true}}}";
        String b = "{\"id\": 2, \"payload\": {\"amount\": \"7\", \"user\": \"ann\"}}";
        String c = "{\"id\": 3, \"payload\": [1, 2]}";
        String d = "{\"id\": 4, \"payload\": null}";
        push(DataFormat.JSON, "[{\"insert\": " + a + "}, {\"insert\": " + b + "}, {\"insert\": " + c + "}, {\"insert\": "
                + d + "}]");
        await(() -> pipeline.rows("SELECT COUNT(*) FROM typed"), r -> r.equals(List.of(List.of(4L))));
        assertThat(pipeline.write("SELECT id, usr, amount, first_tag, meta FROM typed ORDER BY id", DataFormat.JSON))
                .isEqualTo(
                "{\"id\":1,\"usr\":\"ann\",\"amount\":12.50,\"first_tag\":\"x\",\"meta\":{\"b\":true,\"z\":null}}\n"
                        + "{\"id\":2,\"usr\":\"ann\",\"amount\":7.00,\"first_tag\":null,\"meta\":null}\n"
                        + "{\"id\":3,\"usr\":null,\"amount\":null,\"first_tag\":null,\"meta\":null}\n"
                        + "{\"id\":4,\"usr\":null,\"amount\":null,\"first_tag\":null,\"meta\":null}\n");
        assertThat(pipeline.write("SELECT usr, n, total FROM per_user ORDER BY usr", DataFormat.JSON)).isEqualTo(
                "{\"usr\":\"ann\",\"n\":2,\"total\":19.50}\n{\"usr\":null,\"n\":2,\"total\":null}\n");
        assertThat(pipeline.write("SELECT id, payload FROM events WHERE id IN (1, 3) ORDER BY id", DataFormat.JSON))
                .isEqualTo(
                "{\"id\":1,\"payload\":{\"meta\":{\"b\":true,\"z\":null},\"tags\":[\"x\",\"y\"],\"user\":\"ann\","
                        + "\"amount\":12.5}}\n{\"id\":3,\"payload\":[1,2]}\n");
        // the API's QueryResult holds a variant as its JSON text
        assertThat(pipeline.rows("SELECT payload, payload['x'] FROM events WHERE id = 3"))
                .containsExactly(java.util.Arrays.asList("[1,2]", null));
        assertThat(pipeline.write("SELECT ids, fixed FROM rebuilt WHERE id = 3", DataFormat.JSON))
                .isEqualTo("{\"ids\":[3,30],\"fixed\":{\"k\":[1,null]}}\n");

        // a delete matches the row by JSON value, whatever the key order and number spelling
        push(DataFormat.JSON, "{\"delete\": {\"id\": 2, \"payload\": {\"user\": \"ann\", \"amount\": \"7\"}}}");
        await(() -> pipeline.rows("SELECT COUNT(*) FROM typed"), r -> r.equals(List.of(List.of(3L))));
        assertThat(pipeline.write("SELECT usr, n, total FROM per_user WHERE usr IS NOT NULL", DataFormat.JSON))
                .isEqualTo("{\"usr\":\"ann\",\"n\":1,\"total\":12.50}\n");

        // CSV: a VARIANT field is JSON text in and out
        push(DataFormat.CSV, "5,\"{\"\"user\"\": \"\"bob\"\", \"\"amount\"\": 1}\"\n");
        await(() -> pipeline.rows("SELECT COUNT(*) FROM typed"), r -> r.equals(List.of(List.of(4L))));
        assertThat(pipeline.write("SELECT id, payload FROM events WHERE id = 5", DataFormat.CSV))
                .isEqualTo("id,payload\r\n5,\"{\"\"user\"\":\"\"bob\"\",\"\"amount\"\":1}\"\r\n");
        assertThat(pipeline.rows("SELECT CAST(payload['amount'] AS INT) FROM events WHERE id = 5"))
                .containsExactly(List.of(1L));
    }

    @Test
    void badJsonForAVariantColumnIsRefusedWithTheColumn() {
        assertThatThrownBy(() -> push(DataFormat.CSV, "9,{not json}\n"))
                .hasMessageContaining("payload").hasMessageContaining("JSON");
        String deep = "[".repeat(200) + "]".repeat(200);
        assertThatThrownBy(() -> push(DataFormat.JSON, "{\"insert\": {\"id\": 9, \"payload\": " + deep + "}}"))
                .hasMessageContaining("payload").hasMessageContaining("deeper");
        assertThatThrownBy(() -> push(DataFormat.JSON, "{\"insert\": {\"id\": 9, \"payload\": 1e999999}}"))
                .hasMessageContaining("payload").hasMessageContaining("out of range");
    }
}
