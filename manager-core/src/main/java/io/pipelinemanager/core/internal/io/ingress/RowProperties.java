package io.pipelinemanager.core.internal.io.ingress;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named values of one Java row: a {@code Map}'s entries (keys must be strings), a record's components,
 * or another object's public getters ({@code getX()}, {@code isX()} returning boolean; property {@code x},
 * or {@code URL} for {@code getURL()}) and public instance fields. What a class offers is looked up once.
 */
final class RowProperties {

    private static final ClassValue<List<Accessor>> ACCESSORS = new ClassValue<>() {
        @Override
        protected List<Accessor> computeValue(Class<?> type) {
            return accessors(type);
        }
    };

    private RowProperties() {
    }

    /** The row's property names and values, in declaration order (maps: iteration order). */
    static Map<String, Object> of(Object row) throws BadValueException {
        if (row instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new BadValueException("a row map's keys must be column names (strings), got "
                            + (e.getKey() == null ? "null" : e.getKey().getClass().getName()));
                }
                out.put(key, e.getValue());
            }
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Accessor a : accessors(row)) {
            out.put(a.name(), a.read(row));
        }
        return out;
    }

    /**
     * The properties of a row that is not a {@code Map} (a record's components, public getters and fields), in
     * declaration order, looked up once per class: callers read them one by one without building a map per row.
     */
    static List<Accessor> accessors(Object row) throws BadValueException {
        if (row == null) {
            throw new BadValueException("the row is null");
        }
        if (row instanceof Collection<?> || row.getClass().isArray() || row instanceof CharSequence
                || row instanceof Number || row instanceof Boolean || row instanceof Map<?, ?>) {
            throw new BadValueException("a row must be a Map, a record or an object with getters, got a "
                    + row.getClass().getName());
        }
        List<Accessor> accessors = ACCESSORS.get(row.getClass());
        if (accessors.isEmpty()) {
            throw new BadValueException("a " + row.getClass().getName()
                    + " has no record components, public getters or public fields to read columns from");
        }
        return accessors;
    }

    private static List<Accessor> accessors(Class<?> type) {
        List<Accessor> out = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                out.add(new Accessor(c.getName(), accessible(c.getAccessor()), null));
            }
            return List.copyOf(out);
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            return List.of();
        }
        for (Method m : type.getMethods()) {
            String property = property(m);
            if (property != null) {
                out.add(new Accessor(property, m, null));
            }
        }
        for (Field f : type.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                out.add(new Accessor(f.getName(), null, f));
            }
        }
        return List.copyOf(out);
    }

    /** The bean property a public method reads, or null. */
    private static String property(Method m) {
        if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class
                || m.getReturnType() == void.class) {
            return null;
        }
        String n = m.getName();
        String rest;
        if (n.startsWith("get") && n.length() > 3) {
            rest = n.substring(3);
        } else if (n.startsWith("is") && n.length() > 2 && (m.getReturnType() == boolean.class
                || m.getReturnType() == Boolean.class)) {
            rest = n.substring(2);
        } else {
            return null;
        }
        if (!Character.isUpperCase(rest.charAt(0))) {
            return null;
        }
        if (rest.length() > 1 && Character.isUpperCase(rest.charAt(1))) {
            return rest;
        }
        return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
    }

    private static Method accessible(Method m) {
        try {
            m.setAccessible(true);
        } catch (RuntimeException e) {
            // Public accessors of public records need no help; others fail when read, with the reason.
        }
        return m;
    }

    /** One property of a row class: its name and how to read it. */
    record Accessor(String name, Method method, Field field) {
        Object read(Object row) throws BadValueException {
            try {
                return method != null ? method.invoke(row) : field.get(row);
            } catch (InvocationTargetException e) {
                throw new BadValueException("reading property " + name + " of a " + row.getClass().getName()
                        + " failed: " + e.getCause());
            } catch (IllegalAccessException | RuntimeException e) {
                throw new BadValueException("property " + name + " of a " + row.getClass().getName()
                        + " cannot be read: " + e.getMessage());
            }
        }
    }
}
