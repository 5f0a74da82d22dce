/**
 * The Jakarta EE adapter of the pipeline manager: a JAX-RS application under {@code /api} that only
 * translates between HTTP and the core facade. Sub-packages hold the resources, their DTOs, the JSON
 * binding, the error mapping, the facade's CDI lifecycle and the health and metrics plumbing.
 */
package io.pipelinemanager.war;
