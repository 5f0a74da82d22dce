package io.pipelinemanager.core.internal.compiler.slt;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.hydromatic.sqllogictest.SqlTestQueryOutputDescription;
import org.junit.jupiter.api.Test;

/** The harness's own rules: value formatting, sort modes, hashing, random feeding and small corpus files. */
class SltHarnessTest {

    @Test
    void valuesAreFormattedLikeTheCorpus() {
        assertThat(ValueFormatter.format(null, 'I')).isEqualTo("NULL");
        assertThat(ValueFormatter.format(42L, 'I')).isEqualTo("42");
        assertThat(ValueFormatter.format(new BigDecimal("-2.7"), 'I')).isEqualTo("-2");
        assertThat(ValueFormatter.format(2.0 / 3, 'R')).isEqualTo("0.667");
        assertThat(ValueFormatter.format(5L, 'R')).isEqualTo("5.000");
        assertThat(ValueFormatter.format("", 'T')).isEqualTo("(empty)");
        assertThat(ValueFormatter.format("a\tb", 'T')).isEqualTo("a@b");
    }

    @Test
    void sortModesAndListComparison() {
        SqlTestQueryOutputDescription expected = description("rowsort");
        List.of("1", "b", "2", "a").forEach(expected::addResultLine);
        assertThat(ResultChecker.check(List.of(List.of("2", "a"), List.of("1", "b")), expected)).isNull();
        assertThat(ResultChecker.check(List.of(List.of("2", "b"), List.of("1", "a")), expected)).isNotNull();
        SqlTestQueryOutputDescription values = description("valuesort");
        List.of("1", "2", "a", "b").forEach(values::addResultLine);
        assertThat(ResultChecker.check(List.of(List.of("b", "2"), List.of("a", "1")), values)).isNull();
    }

    @Test
    void largeResultsCompareByHash() {
        SqlTestQueryOutputDescription expected = description("nosort");
        expected.setValueCount(2);
        // md5("1\n2\n")
        expected.setHash("4d3de5dfe1a3a8a2e0f6f2c74b9ce4a3");
        String got = ResultChecker.check(List.of(List.of("1"), List.of("2")), expected);
        assertThat(got).contains("hash");
        expected.setHash(md5Of("1\n2\n"));
        assertThat(ResultChecker.check(List.of(List.of("1"), List.of("2")), expected)).isNull();
        assertThat(ResultChecker.check(List.of(List.of("1")), expected)).contains("expected 2 values");
    }

    @Test
    void keyedTablesNeverGetASecondCopyOfARowInAnyStep() {
        Map<String, Map<Row, Long>> contents = new LinkedHashMap<>();
        Map<Row, Long> t = new LinkedHashMap<>();
        for (long i = 0; i < 100; i++) {
            t.put(Rows.of(i, "r" + i), 1L);
        }
        contents.put("t", t);
        Map<Row, Long> present = new java.util.HashMap<>();
        boolean sawDelete = false;
        for (Map<String, ZSetBuilder> step : RandomFeeder.plan(contents, java.util.Set.of("t"), 7)) {
            var z = step.getOrDefault("t", new ZSetBuilder()).build();
            for (int i = 0; i < z.size(); i++) {
                sawDelete |= z.weightAt(i) < 0;
                // A second copy of a keyed row would be an upsert, and its later delete would remove the key.
                assertThat(present.merge(z.row(i), z.weightAt(i), Long::sum)).isBetween(0L, 1L);
            }
        }
        assertThat(sawDelete).isTrue();
        assertThat(present.entrySet().stream().filter(e -> e.getValue() != 0)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))).isEqualTo(t);
    }

    @Test
    void randomStepsSumToTheContentsAndContainDeletes() {
        Map<String, Map<Row, Long>> contents = new LinkedHashMap<>();
        Map<Row, Long> t = new LinkedHashMap<>();
        for (long i = 0; i < 100; i++) {
            t.put(Rows.of(i, "r" + i), i % 7 == 0 ? 2L : 1L);
        }
        contents.put("t", t);
        List<Map<String, ZSetBuilder>> steps = RandomFeeder.plan(contents, 7);
        ZSetBuilder sum = new ZSetBuilder();
        Map<Row, Long> present = new java.util.HashMap<>();
        boolean sawDelete = false;
        for (Map<String, ZSetBuilder> step : steps) {
            var z = step.getOrDefault("t", new ZSetBuilder()).build();
            for (int i = 0; i < z.size(); i++) {
                sawDelete |= z.weightAt(i) < 0;
                // The engine ignores a delete of a row the bag does not hold: counts never go below zero.
                assertThat(present.merge(z.row(i), z.weightAt(i), Long::sum)).isNotNegative();
            }
            sum.addAll(z, 1);
        }
        assertThat(steps.size()).isGreaterThan(10);
        assertThat(sawDelete).isTrue();
        assertThat(sum.build().toMap()).isEqualTo(t);
    }

    @Test
    void statementsBetweenQueriesAreAppliedInOrder() throws Exception {
        FileResult r = SltFileRunner.run("slt/dml.test");
        assertThat(r.examples).isEmpty();
        assertThat(r.queries).isEqualTo(7);
        assertThat(r.passed).isEqualTo(7);
        assertThat(r.statements).isEqualTo(12);
        assertThat(r.statementsFailed).isZero();
    }

    @Test
    void wrongExpectationsAreReportedAsFailures() throws Exception {
        FileResult r = SltFileRunner.run("slt/wrong.test");
        assertThat(r.queries).isEqualTo(3);
        assertThat(r.passed).isZero();
        assertThat(r.failed).isEqualTo(3);
        assertThat(r.statementsFailed).isEqualTo(1);
    }

    private static SqlTestQueryOutputDescription description(String order) {
        SqlTestQueryOutputDescription d = new SqlTestQueryOutputDescription();
        d.clearResults();
        try {
            var parseOrder = SqlTestQueryOutputDescription.class.getDeclaredMethod("parseOrder", String.class);
            parseOrder.setAccessible(true);
            parseOrder.invoke(d, order);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return d;
    }

    private static String md5Of(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
