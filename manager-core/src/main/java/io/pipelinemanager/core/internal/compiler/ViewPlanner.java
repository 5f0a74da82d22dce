package io.pipelinemanager.core.internal.compiler;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.RelBuilder;

/** Validates one view's query against a catalog and turns it into a normalised {@link ViewPlan}. */
final class ViewPlanner {

    private static final SqlToRelConverter.Config CONVERTER = SqlToRelConverter.config()
            .withExpand(false)
            .withTrimUnusedFields(true)
            .withDecorrelationEnabled(true);

    private ViewPlanner() {
    }

    /**
     * Plans a query; {@code columnNames} (may be null) renames the view's columns.
     * Validation failures surface as Calcite exceptions for the caller to turn into diagnostics; a column
     * list of the wrong length is a {@link CompileException}.
     */
    static ViewPlan plan(ProgramCatalog catalog, SqlNode query, SqlNodeList columnNames) throws CompileException {
        JavaTypeFactory typeFactory = CalciteSetup.typeFactory();
        CalciteCatalogReader reader = CalciteSetup.catalogReader(catalog, StatementShape.of(query).names(), typeFactory);
        SqlValidator validator = CalciteSetup.validator(reader, typeFactory);
        SqlNode validated = validator.validate(ExtractRewriter.rewrite(query));
        RelOptCluster cluster = RelOptCluster.create(
                new HepPlanner(HepProgram.builder().build()), new RexBuilder(typeFactory));
        SqlToRelConverter converter = new SqlToRelConverter(
                null, validator, reader, cluster, StandardConvertletTable.INSTANCE, CONVERTER);
        RelRoot root = converter.convertQuery(validated, false, true);
        RelBuilder relBuilder = RelBuilder.proto(cluster.getPlanner().getContext()).create(cluster, reader);
        RelNode rel = root.rel;
        RelCollation collation = root.collation;
        if (rel instanceof Sort sort && sort.fetch == null && sort.offset == null) {
            rel = sort.getInput();
        } else if (!(rel instanceof Sort)) {
            collation = RelCollations.EMPTY;
        }
        rel = PlanNormalizer.normalize(rel, relBuilder);
        List<Integer> visible = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (java.util.Map.Entry<Integer, String> field : root.fields) {
            visible.add(field.getKey());
            names.add(field.getValue());
        }
        if (columnNames != null) {
            names = renamed(columnNames, names.size());
        }
        names = uniquify(names);
        return new ViewPlan(rel, visible, names, collation, visibleRowType(typeFactory, rel, visible, names));
    }

    private static List<String> renamed(SqlNodeList columnNames, int expected) throws CompileException {
        if (columnNames.size() != expected) {
            throw new CompileException(Diagnostics.error(DiagnosticCodes.INVALID, "column list has "
                    + columnNames.size() + " names but the query returns " + expected + " columns", columnNames));
        }
        List<String> names = new ArrayList<>();
        for (SqlNode n : columnNames) {
            names.add(n.toString());
        }
        return names;
    }

    private static List<String> uniquify(List<String> names) {
        return SqlValidatorUtil.uniquify(names, false);
    }

    private static RelDataType visibleRowType(JavaTypeFactory typeFactory, RelNode rel, List<Integer> visible,
                                              List<String> names) {
        List<RelDataTypeField> fields = rel.getRowType().getFieldList();
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (int i = 0; i < visible.size(); i++) {
            builder.add(names.get(i), fields.get(visible.get(i)).getType());
        }
        return builder.build();
    }
}
