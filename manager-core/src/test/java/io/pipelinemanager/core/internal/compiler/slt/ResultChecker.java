package io.pipelinemanager.core.internal.compiler.slt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import net.hydromatic.sqllogictest.SqlTestQueryOutputDescription;
import net.hydromatic.sqllogictest.SqlTestQueryOutputDescription.SortOrder;

/** Compares formatted result rows with a query's expected output, applying the corpus's sort mode and hashing. */
final class ResultChecker {

    private static final Comparator<List<String>> ROW_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private ResultChecker() {
    }

    /** Null when {@code rows} match the expectation, otherwise a short description of the difference. */
    static String check(List<List<String>> rows, SqlTestQueryOutputDescription expected) {
        List<String> values = values(rows, expected.getOrder());
        if (expected.hash != null) {
            if (values.size() != expected.getValueCount()) {
                return "expected " + expected.getValueCount() + " values, got " + values.size();
            }
            String hash = md5(values);
            return hash.equals(expected.hash) ? null : "hash " + hash + " differs from expected " + expected.hash;
        }
        List<String> want = expected.getQueryResults();
        if (want == null || !want.equals(values)) {
            return "expected " + want + " got " + abbreviate(values);
        }
        return null;
    }

    /** The values of the rows in the order the sort mode prescribes. */
    static List<String> values(List<List<String>> rows, SortOrder order) {
        List<List<String>> sorted = new ArrayList<>(rows);
        if (order == SortOrder.ROW) {
            sorted.sort(ROW_ORDER);
        }
        List<String> values = new ArrayList<>();
        sorted.forEach(values::addAll);
        if (order == SortOrder.VALUE) {
            values.sort(Comparator.naturalOrder());
        }
        return values;
    }

    private static String md5(List<String> values) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            for (String v : values) {
                md.update(v.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(List<String> values) {
        return values.size() <= 20 ? values.toString() : values.subList(0, 20) + "... (" + values.size() + " values)";
    }
}
