package io.pipelinemanager.embedded.server;

import io.pipelinemanager.war.it.rest.RestApiTests;

import java.net.URI;

/** The WAR's {@link RestApiTests} against {@link EmbeddedServer}. */
class EmbeddedRestApiTest extends RestApiTests {

    @Override
    protected URI base() {
        return TestServers.shared().uri();
    }
}
