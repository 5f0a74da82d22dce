/** Unit tests of the data plane's HTTP shapes: egress streaming and wire formats. */
package io.pipelinemanager.war.stream;
