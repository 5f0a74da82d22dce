package io.pipelinemanager.war.stream;

import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.war.dto.ErrorBody;
import io.pipelinemanager.war.json.JsonMapper;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The body of {@code GET /api/pipelines/{id}/egress/{view}}: the subscription's NDJSON lines, each
 * flushed as its own chunk. While the view does not change nothing is written (no keep-alive lines),
 * so a client that went away is noticed at the next change, or when the pipeline stops. The body ends
 * when the stream ends; if it ended abnormally (pipeline failure, a subscriber too far behind) a last
 * line carries the error as {@code {"error_code", "message", "details"}}. The subscription is always closed.
 */
public final class ChangeStreamOutput implements StreamingOutput {

    private static final Logger LOG = Logger.getLogger(ChangeStreamOutput.class.getName());
    /** How long one poll waits for a step before checking again; bounds how late a shutdown is noticed. */
    private static final Duration POLL = Duration.ofMillis(500);

    private final ChangeStream stream;
    private final String description;

    /** Streams {@code stream}; {@code description} names it in log messages. */
    public ChangeStreamOutput(ChangeStream stream, String description) {
        this.stream = stream;
        this.description = description;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        try (ChangeStream changes = stream) {
            out.flush(); // sends the status line and headers now, before the first change
            while (true) {
                ChangeStream.Poll poll = changes.writeNext(out, POLL);
                if (poll == ChangeStream.Poll.CHANGES) {
                    out.flush();
                } else if (poll == ChangeStream.Poll.END) {
                    writeEnd(changes.error(), out);
                    return;
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "Egress subscriber of " + description + " disconnected", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeEnd(PipelineError error, OutputStream out) throws IOException {
        if (error != null) {
            LOG.info(() -> "Egress of " + description + " ended with " + error.code() + ": " + error.message());
            JsonMapper.get().writeValue(out, new ErrorBody(error.code().name(), error.message(), error.details()));
            out.write('\n');
        }
        out.flush();
    }
}
