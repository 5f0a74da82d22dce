/**
 * HTTP integration tests of the Maven-built WAR on a managed WildFly 37 ({@code standalone-microprofile.xml})
 * with the datasource the build configured (PostgreSQL from {@code PM_TEST_PG_URL}, otherwise H2). One
 * deployment serves all tests; names are unique per test so tests stay independent and re-runnable.
 */
package io.pipelinemanager.war.it.wildfly;
