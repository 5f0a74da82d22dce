/**
 * The Nexmark benchmark (README "Performance"): a deterministic event generator, the queries q0–q9 and q12–q22
 * in our SQL with an independent H2 formulation of each, and a runner that feeds the events through embedded
 * pipelines of the public facade, measures them and checks every view's final contents against H2. The Flink
 * side (Maven profile {@code flink}, sources in {@code src/flink/java}) runs the same queries on the same events.
 */
package io.pipelinemanager.samples.nexmark;
