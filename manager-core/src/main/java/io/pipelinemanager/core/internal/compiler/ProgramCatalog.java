package io.pipelinemanager.core.internal.compiler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.jdbc.CalciteSchema;

/**
 * The relations a program has declared so far, in declaration order. Names are case-insensitive.
 * A fresh Calcite schema is built from it on demand, so a catalog can be copied and extended cheaply.
 */
public final class ProgramCatalog {

    private final Map<String, CatalogEntry> entries = new LinkedHashMap<>();

    /** An empty catalog. */
    public ProgramCatalog() {
    }

    /** A copy that can be extended without changing this one. */
    public ProgramCatalog copy() {
        ProgramCatalog copy = new ProgramCatalog();
        copy.entries.putAll(entries);
        return copy;
    }

    /** The relation with this name (case-insensitive), if declared. */
    public Optional<CatalogEntry> find(String name) {
        return Optional.ofNullable(entries.get(key(name)));
    }

    /** Adds a relation; the caller has checked that the name is free. */
    void add(CatalogEntry entry) {
        entries.put(key(entry.name()), entry);
    }

    /** Removes a relation (used by tools that change a program, e.g. DROP TABLE in tests). */
    public void remove(String name) {
        entries.remove(key(name));
    }

    /** All relations in declaration order. */
    public List<CatalogEntry> entries() {
        return new ArrayList<>(entries.values());
    }

    /** All relations of one kind in declaration order. */
    public List<CatalogEntry> entries(CatalogEntry.Kind kind) {
        return entries.values().stream().filter(e -> e.kind() == kind).toList();
    }

    /** A new Calcite root schema holding every relation. */
    CalciteSchema toCalciteSchema() {
        return toCalciteSchema(entries.keySet());
    }

    /**
     * A new Calcite root schema holding the relations with these (lower-cased) names — those a query
     * mentions: planning a view against the whole catalog would cost time and memory in proportion to
     * the catalog for every view, quadratic in the number of views.
     */
    CalciteSchema toCalciteSchema(Set<String> names) {
        CalciteSchema root = CalciteSchema.createRootSchema(false, false);
        for (String name : names) {
            CatalogEntry e = entries.get(name);
            if (e != null) {
                root.add(e.name(), e);
            }
        }
        return root;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
