package io.pipelinemanager.embedded.cli;

import io.pipelinemanager.embedded.server.EmbeddedServer;

/** {@code --dump-openapi}: the document the embedded server serves at {@code /openapi?format=json}. */
final class OpenApi {

    private OpenApi() {
    }

    static String document() {
        return EmbeddedServer.openApiDocument();
    }
}
