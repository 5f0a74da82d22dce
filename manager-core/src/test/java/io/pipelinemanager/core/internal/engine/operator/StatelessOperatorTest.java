package io.pipelinemanager.core.internal.engine.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.zset.CowShardedMap;
import io.pipelinemanager.core.internal.engine.zset.IndexedZSet;
import io.pipelinemanager.core.internal.engine.zset.IntegratedZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Operators that declare themselves {@link StatelessOperator} (and so capture nothing in checkpoints) must
 * really hold no state: only final fields, none of a type that accumulates rows.
 */
class StatelessOperatorTest {
    private static final java.util.List<Class<?>> STATE_HOLDERS = java.util.List.of(ZSetBuilder.class, IndexedZSet.class,
            IntegratedZSet.class, CowShardedMap.class, Map.class, Collection.class, long[].class, int[].class,
            boolean[].class, Object[].class);

    @Test
    void statelessOperatorsHaveOnlyFinalConfigurationFields() throws Exception {
        int checked = 0;
        for (Class<?> c : io.pipelinemanager.core.internal.engine.OperatorClasses.all()) {
            if (!StatelessOperator.class.isAssignableFrom(c)) {
                continue;
            }
            checked++;
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    assertThat(Modifier.isFinal(f.getModifiers())).as("%s.%s is final (a stateless operator)", c.getSimpleName(),
                            f.getName()).isTrue();
                    for (Class<?> holder : STATE_HOLDERS) {
                        boolean holds = holder.isAssignableFrom(f.getType())
                                && !(f.getType().isArray() && f.getType().getComponentType().getName().contains(".expr."));
                        assertThat(holds).as("%s.%s of type %s holds state: implement captureState/restoreState instead"
                                + " of StatelessOperator", c.getSimpleName(), f.getName(), f.getType().getSimpleName()).isFalse();
                    }
                }
            }
        }
        assertThat(checked).as("stateless operators found").isGreaterThanOrEqualTo(6);
    }
}
