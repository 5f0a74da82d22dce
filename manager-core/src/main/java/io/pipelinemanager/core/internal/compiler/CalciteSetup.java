package io.pipelinemanager.core.internal.compiler;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.ddl.SqlDdlParserImpl;
import org.apache.calcite.sql.type.BasicSqlType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/** The fixed Calcite configuration of the compiler: dialect, parser, catalog reader and validator factories. */
final class CalciteSetup {

    /** Lenient conformance: {@code %}, {@code !=}, GROUP BY aliases and ordinals, as PostgreSQL allows. */
    static final SqlConformanceEnum CONFORMANCE = SqlConformanceEnum.LENIENT;

    /** Parser settings: DDL grammar, double-quoted identifiers, unquoted names kept as written. */
    static final SqlParser.Config PARSER = SqlParser.config()
            .withParserFactory(SqlDdlParserImpl.FACTORY)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withConformance(CONFORMANCE);

    private static final CalciteConnectionConfig CONNECTION = connectionConfig();

    private CalciteSetup() {
    }

    /**
     * A new type factory using the compiler's type system, whose character types are UTF-8. Calcite's
     * default charset (ISO-8859-1) comes from a JVM-wide system property ({@code calcite.default.charset})
     * read once when Calcite loads; setting it would change every Calcite user in the JVM (and only if
     * set early enough), so the compiler's own factory answers UTF-8 instead. String literals, casts and
     * declared columns all take their charset from this factory, so they agree with each other.
     */
    static JavaTypeFactory typeFactory() {
        return new JavaTypeFactoryImpl(CompilerTypeSystem.INSTANCE) {
            @Override
            public Charset getDefaultCharset() {
                return StandardCharsets.UTF_8;
            }

            /** A bare {@code DECIMAL}/{@code NUMERIC} is unconstrained, as in PostgreSQL: see {@link CompilerTypeSystem}. */
            @Override
            public RelDataType createSqlType(SqlTypeName typeName) {
                if (typeName == SqlTypeName.DECIMAL) {
                    return canonize(new BasicSqlType(getTypeSystem(), SqlTypeName.DECIMAL));
                }
                return super.createSqlType(typeName);
            }

            /** CASE, COALESCE and set operations over an unconstrained decimal stay unconstrained. */
            @Override
            public RelDataType leastRestrictive(List<RelDataType> types) {
                RelDataType result = super.leastRestrictive(types);
                if (result != null && result.getSqlTypeName() == SqlTypeName.DECIMAL
                        && types.stream().anyMatch(CompilerTypeSystem::isUnconstrainedDecimal)) {
                    return createTypeWithNullability(createSqlType(SqlTypeName.DECIMAL), result.isNullable());
                }
                return result;
            }
        };
    }

    /** A catalog reader over the catalog's current relations. */
    static CalciteCatalogReader catalogReader(ProgramCatalog catalog, JavaTypeFactory typeFactory) {
        return new CalciteCatalogReader(catalog.toCalciteSchema(), List.of(), typeFactory, CONNECTION);
    }

    /** A catalog reader over the catalog's relations with these lower-cased names. */
    static CalciteCatalogReader catalogReader(ProgramCatalog catalog, Set<String> names, JavaTypeFactory typeFactory) {
        return new CalciteCatalogReader(catalog.toCalciteSchema(names), List.of(), typeFactory, CONNECTION);
    }

    /** A fresh validator (validators keep per-query state). */
    static SqlValidator validator(CalciteCatalogReader reader, JavaTypeFactory typeFactory) {
        SqlOperatorTable operators = PostgresFunctions.TABLE;
        SqlValidator.Config config = SqlValidator.Config.DEFAULT
                .withConformance(CONFORMANCE)
                .withTypeCoercionFactory(PostgresTypeCoercion::new)
                .withIdentifierExpansion(true);
        return SqlValidatorUtil.newValidator(operators, reader, typeFactory, config);
    }

    private static CalciteConnectionConfig connectionConfig() {
        Properties p = new Properties();
        p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        p.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), CONFORMANCE.name());
        return new CalciteConnectionConfigImpl(p);
    }
}
