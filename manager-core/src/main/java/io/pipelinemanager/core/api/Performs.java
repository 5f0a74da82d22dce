package io.pipelinemanager.core.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the {@link Operation} a method of the facade performs, and so the role it requires: the
 * facade refuses a caller without that role with {@link ErrorCode#Forbidden} before doing anything.
 * Every public facade method taking a {@link Caller} carries it (a test fails otherwise, and checks
 * that the refusal matches the annotation).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Performs {

    /** The operation. */
    Operation value();
}
