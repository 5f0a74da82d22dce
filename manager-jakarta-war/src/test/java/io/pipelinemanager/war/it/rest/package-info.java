/**
 * The REST tests every server must pass, as abstract classes: a subclass per server says where the
 * server is ({@code base()}) and adds what only that server has. WildFly's subclasses are in
 * {@code it.wildfly} (Arquillian deploys the WAR); manager-embedded runs the same classes, from this
 * module's test-jar, against its {@code EmbeddedServer}.
 */
package io.pipelinemanager.war.it.rest;
