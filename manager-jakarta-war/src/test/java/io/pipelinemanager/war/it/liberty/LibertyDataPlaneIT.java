package io.pipelinemanager.war.it.liberty;

import io.pipelinemanager.war.it.rest.DataPlaneTests;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.URL;

/** The shared {@link DataPlaneTests} on Open Liberty (the third server besides WildFly and the embedded one). */
// Only in the failsafe execution of this server, even when -Dit.test selects the class for both.
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "liberty")
@ExtendWith(ArquillianExtension.class)
class LibertyDataPlaneIT extends DataPlaneTests {

    @ArquillianResource
    URL base;

    /** The Liberty variant of the WAR exactly as Maven packaged it. */
    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("pm.war")));
    }

    @Override
    protected URI base() {
        return URI.create(base.toExternalForm());
    }
}
