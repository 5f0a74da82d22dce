/**
 * The sqllogictest oracle: an executor for the corpus of {@code net.hydromatic:sql-logic-test}
 * that runs every query as a view of a program compiled by our compiler and executed by our
 * engine, once with all data in one step and once fed in small random steps with deletes and
 * re-inserts. Results are compared with the corpus's own rules (sort modes, value formatting, hashing).
 */
package io.pipelinemanager.core.internal.compiler.slt;
