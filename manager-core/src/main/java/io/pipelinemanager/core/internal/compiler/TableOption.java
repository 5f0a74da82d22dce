package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.SourceRange;

/**
 * A table option of {@code CREATE TABLE t (...) WITH ('key' = 'value', ...)} as written, and where it is (for
 * diagnostics); a null key stands for text in the option list that is not a {@code 'key' = 'value'} pair.
 */
public record TableOption(String key, String value, SourceRange range) {
}
