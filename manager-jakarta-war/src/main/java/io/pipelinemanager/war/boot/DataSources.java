package io.pipelinemanager.war.boot;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** Finds the container's data source by its JNDI name (MP Config {@value #JNDI_KEY}). */
@ApplicationScoped
public class DataSources {

    /** The MP Config key of the JNDI name ({@link WarConfigKey#SERVER_DATASOURCE}, so also {@code PM_SERVER_DATASOURCE}). */
    public static final String JNDI_KEY = "pm.server.datasource";

    /** WildFly's name of the data source its setup script creates. */
    public static final String DEFAULT_JNDI_NAME = "java:jboss/datasources/PipelineManagerDS";

    @Inject
    @ConfigProperty(name = JNDI_KEY, defaultValue = DEFAULT_JNDI_NAME)
    String jndiName;

    /** The configured JNDI name. */
    public String jndiName() {
        return jndiName;
    }

    /** The data source bound under {@link #jndiName()}. */
    public DataSource lookup() {
        try {
            return (DataSource) new InitialContext().lookup(jndiName);
        } catch (NamingException e) {
            throw new IllegalStateException("No data source bound at " + jndiName
                    + " (set " + JNDI_KEY + " to the container's JNDI name)", e);
        }
    }
}
