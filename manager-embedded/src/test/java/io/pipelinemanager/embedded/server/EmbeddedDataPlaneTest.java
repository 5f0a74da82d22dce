package io.pipelinemanager.embedded.server;

import io.pipelinemanager.war.it.rest.DataPlaneTests;

import java.net.URI;

/** The WAR's {@link DataPlaneTests} against {@link EmbeddedServer}. */
class EmbeddedDataPlaneTest extends DataPlaneTests {

    @Override
    protected URI base() {
        return TestServers.shared().uri();
    }
}
