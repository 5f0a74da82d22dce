package io.pipelinemanager.core.internal.io.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.internal.io.RelationShape;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Helpers for ingress tests: parse a string body, and check parse errors by record, column and reason. */
final class IngressAssertions {
    private IngressAssertions() {
    }

    static ZSet parse(DataFormat format, RelationShape table, String body) {
        try {
            return Ingress.parse(format, table, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 1_000_000).toZSet();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts a ParseError at {@code record} / {@code column} (null: none) whose reason contains {@code reason}. */
    static ManagerException assertParseError(DataFormat format, RelationShape table, String body,
                                             long record, String column, String reason) {
        ManagerException e = catchThrowableOfType(() -> parse(format, table, body), ManagerException.class);
        assertThat(e).as("expected a parse error for %s", body).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.ParseError);
        assertThat(e.details()).containsEntry("record", record).containsEntry("table", table.name());
        if (column == null) {
            assertThat(e.details()).doesNotContainKey("column");
        } else {
            assertThat(e.details()).containsEntry("column", column);
            assertThat(e.getMessage()).contains("column " + column);
        }
        assertThat((String) e.details().get("reason")).contains(reason);
        assertThat(e.getMessage()).contains("record " + record).contains(reason);
        return e;
    }
}
