package io.pipelinemanager.war.it.rest;

import io.pipelinemanager.war.it.support.ApiClient;
import org.junit.jupiter.api.BeforeEach;

import java.net.URI;
import java.util.UUID;

/** What every shared REST test class has: where the server is, a client of it and a per-test name suffix. */
public abstract class ServerTests {

    /** A client of the server under test, new for every test. */
    protected ApiClient api;
    /** Makes names unique per test, so tests stay independent and re-runnable on one server. */
    protected String suffix;

    /** The server's root URL (the API is under {@code api/}). */
    protected abstract URI base();

    /**
     * The application's root: {@link #base()} ending with {@code /} — the server's root where the application is
     * deployed at {@code /} (WildFly, the embedded server), its context root elsewhere (Open Liberty's ITs).
     */
    protected URI appRoot() {
        String text = base().toString();
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    @BeforeEach
    public void client() {
        api = new ApiClient(base());
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }
}
