package io.pipelinemanager.core.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A snapshot query's answer, planned, evaluated and checked against the query limits, ready to be written.
 * Every error of the query (invalid SQL, a limit exceeded) is raised before this object exists; writing
 * streams the rows without copying them. Should writing fail after it began for any reason other than
 * the output itself failing, the output ends with an error record instead of further rows: in
 * {@code json} a last line {@code {"error_code": ..., "message": ..., "details": {}}}, in {@code csv} a
 * last line {@code # error: <error_code>: <message>}. The limits themselves are always checked before.
 */
public interface QueryOutput {

    /** The number of rows the answer has (a row of weight k counts k times). */
    long rows();

    /** The wire format the answer is written in: {@code json} or {@code csv}. */
    String format();

    /** Writes the answer to {@code out} (flushed, not closed); call at most once. */
    void writeTo(OutputStream out) throws IOException;
}
