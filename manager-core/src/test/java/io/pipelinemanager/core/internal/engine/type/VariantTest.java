package io.pipelinemanager.core.internal.engine.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.internal.engine.zset.RowSizes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The VARIANT value: JSON parsing bounds, equality and hash by JSON value, jsonb's total order, compact output,
 * and size estimates that grow with the document (ingress buffers are bounded in bytes).
 */
class VariantTest {

    private static Variant json(String text) throws VariantJson.InvalidJsonException {
        return VariantJson.parse(text);
    }

    @Test
    void equalJsonValuesAreEqualAndHashAlike() throws Exception {
        List<String[]> equal = List.of(
                new String[] {"1", "1.0", "1e0", "10e-1", "1.000"},
                new String[] {"0", "-0", "0.00", "0e5"},
                new String[] {"{\"a\": 1, \"b\": [true, null]}", "{\"b\":[true,null],\"a\":1.0}", "{\"a\":0,\"b\":[true,null],\"a\":1}"},
                new String[] {"\"x\"", " \"x\" "});
        for (String[] group : equal) {
            for (String a : group) {
                for (String b : group) {
                    assertThat(json(a)).as("%s = %s", a, b).isEqualTo(json(b));
                    assertThat(json(a).hashCode()).as("hash %s %s", a, b).isEqualTo(json(b).hashCode());
                    assertThat(json(a).compareTo(json(b))).isZero();
                }
            }
        }
        assertThat(json("1")).isNotEqualTo(json("\"1\"")).isNotEqualTo(json("true"));
        assertThat(json("[1, 2]")).isNotEqualTo(json("[2, 1]"));
        assertThat(json("null")).isEqualTo(Variant.JSON_NULL);
    }

    @Test
    void orderIsJsonbs() throws Exception {
        List<String> ascending = List.of("null", "\"\"", "\"a\"", "\"b\"", "-1", "0.5", "2", "false", "true",
                "[3]", "[1, 2]", "[1, 3]", "{}", "{\"b\": 1}", "{\"b\": 2}", "{\"a\": 1, \"b\": 1}");
        List<Variant> values = new ArrayList<>();
        for (String s : ascending) {
            values.add(json(s));
        }
        for (int i = 0; i < values.size(); i++) {
            for (int j = 0; j < values.size(); j++) {
                assertThat(Integer.signum(values.get(i).compareTo(values.get(j)))).as("%s vs %s", ascending.get(i),
                        ascending.get(j)).isEqualTo(Integer.compare(i, j));
            }
        }
    }

    @Test
    void compactOutputKeepsNumbersAsWrittenAndKeysInJsonbOrder() throws Exception {
        assertThat(json("{ \"bb\" : 1.50, \"a\" : [ \"q\\\"\\u00e9\", null, -2e3 ], \"c\": {} }").toString())
                .isEqualTo("{\"a\":[\"q\\\"é\",null,-2000],\"c\":{},\"bb\":1.50}");
        assertThat(json("1e400").toString()).isEqualTo("1E+400");
        assertThat(json("0.000001").toString()).isEqualTo("0.000001");
    }

    @Test
    void hostileTextIsRefusedWithAReason() {
        assertThatThrownBy(() -> json("[".repeat(129) + "]".repeat(129))).hasMessageContaining("deeper than 128");
        assertThatThrownBy(() -> json("1e131073")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> json("1e-16384")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> json("1".repeat(2000))).isInstanceOf(VariantJson.InvalidJsonException.class);
        assertThatThrownBy(() -> json("[1] 2")).hasMessageContaining("after the JSON value");
        assertThatThrownBy(() -> json("[1] x")).isInstanceOf(VariantJson.InvalidJsonException.class);
        assertThatThrownBy(() -> json("")).isInstanceOf(VariantJson.InvalidJsonException.class);
        assertThatThrownBy(() -> json("{\"a\": NaN}")).isInstanceOf(VariantJson.InvalidJsonException.class);
    }

    @Test
    void sizeEstimatesGrowWithTheDocument() throws Exception {
        Variant small = json("{\"a\": 1}");
        Variant big = json("{\"a\": \"" + "x".repeat(100_000) + "\", \"b\": [" + "1,".repeat(999) + "1]}");
        assertThat(RowSizes.estimate(new Object[] {big})).isGreaterThan(200_000);
        assertThat(RowSizes.estimate(new Object[] {small})).isLessThan(400);
        assertThat(big.jsonLength()).isBetween(100_000L + 2_000, 110_000L);
    }
}
