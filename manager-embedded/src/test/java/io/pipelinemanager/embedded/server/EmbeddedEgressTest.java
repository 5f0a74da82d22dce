package io.pipelinemanager.embedded.server;

import io.pipelinemanager.war.it.rest.EgressTests;

import java.net.URI;

/** The WAR's {@link EgressTests} against {@link EmbeddedServer}. */
class EmbeddedEgressTest extends EgressTests {

    @Override
    protected URI base() {
        return TestServers.shared().uri();
    }

    /**
     * The test runs in the server's JVM, so the count includes the client's threads (the JDK client's pool)
     * and Undertow's worker pool, which grows to 8 per I/O thread on demand and keeps its threads.
     */
    @Override
    protected int extraThreadsAllowed() {
        return 40;
    }
}
