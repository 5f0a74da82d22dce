package io.pipelinemanager.core.internal.store.jpa;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import org.hibernate.jpa.HibernatePersistenceProvider;

import javax.sql.DataSource;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Builds the entity manager factory programmatically, so no {@code persistence.xml} is shipped:
 * an application server scanning the WAR must not deploy a persistence unit of its own. Schema
 * is owned by Flyway; Hibernate only validates it.
 */
final class JpaBootstrap {

    private static final List<String> ENTITIES = List.of(
            TenantEntity.class.getName(), ProgramEntity.class.getName(), PipelineEntity.class.getName(),
            CompiledArtifactEntity.class.getName(), WorkLeaseEntity.class.getName(), ApiKeyEntity.class.getName(),
            AuditEventEntity.class.getName());

    private JpaBootstrap() {
    }

    static EntityManagerFactory create(DataSource dataSource) {
        Map<String, Object> settings = Map.of(
                "hibernate.hbm2ddl.auto", "validate",
                "hibernate.jdbc.time_zone", "UTC",
                "hibernate.connection.handling_mode", "DELAYED_ACQUISITION_AND_RELEASE_AFTER_TRANSACTION",
                "hibernate.show_sql", "false");
        return new HibernatePersistenceProvider().createContainerEntityManagerFactory(new UnitInfo(dataSource), settings);
    }

    /** The persistence unit: our entities over a non-JTA data source, resource-local transactions. */
    private record UnitInfo(DataSource dataSource) implements PersistenceUnitInfo {
        @Override public String getPersistenceUnitName() { return "pipeline-manager"; }
        @Override public String getPersistenceProviderClassName() { return HibernatePersistenceProvider.class.getName(); }
        @Override public PersistenceUnitTransactionType getTransactionType() { return PersistenceUnitTransactionType.RESOURCE_LOCAL; }
        @Override public DataSource getJtaDataSource() { return null; }
        @Override public DataSource getNonJtaDataSource() { return dataSource; }
        @Override public List<String> getMappingFileNames() { return List.of(); }
        @Override public List<URL> getJarFileUrls() { return List.of(); }
        @Override public URL getPersistenceUnitRootUrl() { return null; }
        @Override public List<String> getManagedClassNames() { return ENTITIES; }
        @Override public boolean excludeUnlistedClasses() { return true; }
        @Override public SharedCacheMode getSharedCacheMode() { return SharedCacheMode.NONE; }
        @Override public ValidationMode getValidationMode() { return ValidationMode.NONE; }
        @Override public Properties getProperties() { return new Properties(); }
        @Override public String getPersistenceXMLSchemaVersion() { return "3.1"; }
        @Override public ClassLoader getClassLoader() { return JpaBootstrap.class.getClassLoader(); }
        @Override public void addTransformer(ClassTransformer transformer) { }
        @Override public ClassLoader getNewTempClassLoader() { return null; }
    }
}
