/**
 * What the HTTP integration tests share: the database preparation run by Maven before the servers
 * start, and a small JSON-over-HTTP client on the JDK's {@code HttpClient}. The tests talk to the
 * deployed WAR only over HTTP, as any client would.
 */
package io.pipelinemanager.war.it.support;
