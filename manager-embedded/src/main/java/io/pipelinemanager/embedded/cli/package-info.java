/**
 * The operator's command line, {@code java -jar pipeline-manager.jar}: runs the REST API of
 * {@link io.pipelinemanager.embedded.server.EmbeddedServer} over its own database (with {@code --dev}, also
 * keeps programs in step with a directory of {@code .sql} files), or does one task and exits: migrate or probe
 * the database, print the OpenAPI document or the build's banner. Configuration comes in layers (defaults &lt;
 * {@code --config} file &lt; environment &lt; options); every operator error is one line with an exit code of
 * {@link io.pipelinemanager.embedded.cli.ExitCodes}.
 */
package io.pipelinemanager.embedded.cli;
