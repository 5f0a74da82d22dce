/**
 * The JPA (Hibernate ORM) implementation of the store. Entities map the Flyway-owned tables with
 * plain JPA 3.1 annotations and never leave this package; optimistic locking uses each row's
 * {@code row_version}. The persistence unit is built in code, without {@code persistence.xml}.
 */
package io.pipelinemanager.core.internal.store.jpa;
