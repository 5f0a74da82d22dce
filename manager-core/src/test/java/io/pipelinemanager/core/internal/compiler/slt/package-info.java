/**
 * The sqllogictest oracle: an executor for the corpus of {@code net.hydromatic:sql-logic-test}
 * that runs every query as a view of a program compiled by our compiler and executed by our
 * engine, once with all data in one step and once fed in small random steps with deletes and
 * re-inserts. Results are compared with the corpus's own rules (sort modes, value formatting, hashing).
 * The suite ({@link io.pipelinemanager.core.internal.compiler.slt.SltSuite}) covers select1–5 whole and a
 * fixed sample of random/* and index/* files cut to their first query records; the failures it expects
 * are listed with counts and reasons in {@link io.pipelinemanager.core.internal.compiler.slt.SltExpectations}.
 */
package io.pipelinemanager.core.internal.compiler.slt;
