/**
 * HTTP shapes of the data plane that are more than a DTO: the streamed NDJSON body of an egress
 * subscription, and the choice of wire format from a request's {@code format} parameter or content type.
 */
package io.pipelinemanager.war.stream;
