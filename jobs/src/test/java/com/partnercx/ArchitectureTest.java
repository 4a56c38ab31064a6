package com.partnercx;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages of every module depend one way (README "Architecture"):
 *
 * <pre>
 * errors -> schema -> config -> warehouse -> tables -> stage
 *        -> ingest | conform | quality | score | publish -> pipeline -> cli
 * </pre>
 *
 * The stages never use each other; the renderer ({@code reports}) and the Airflow client ({@code
 * airflow}) use nothing of the jobs.
 */
class ArchitectureTest {
  private static final String[] STAGES = {"ingest", "conform", "quality", "score", "publish"};

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.partnercx");
  }

  @Test
  void everyModuleIsImported() {
    for (String module : new String[] {"cli", "reports", "airflow", "tables", "errors"}) {
      assertTrue(
          main.stream().anyMatch(c -> c.getPackageName().startsWith("com.partnercx." + module)),
          module + " classes must be part of the check");
    }
  }

  @Test
  void noPackageCycles() {
    packageCycles("com.partnercx.(*)..").check(main);
  }

  @Test
  void packagesDependOneWay() {
    layers().check(main);
  }

  @Test
  void aCycleIsReported() {
    JavaClasses fixture = new ClassFileImporter().importPackages("com.partnercx.archfixture");
    EvaluationResult result = packageCycles("com.partnercx.archfixture.(*)..").evaluate(fixture);
    assertTrue(result.hasViolation(), "the fixture's two packages use each other");
    assertTrue(
        result.getFailureReport().toString().contains("Cycle detected"),
        result.getFailureReport().toString());
  }

  @Test
  void aForbiddenDependencyIsReported() {
    JavaClasses errors = new ClassFileImporter().importPackages("com.partnercx.errors");
    EvaluationResult result = layers().evaluate(errors);
    assertTrue(result.hasViolation(), "errors may not use config");
    assertTrue(
        result.getFailureReport().toString().contains("ConfigAwareError"),
        result.getFailureReport().toString());
  }

  private static ArchRule packageCycles(String pattern) {
    return slices().matching(pattern).should().beFreeOfCycles();
  }

  private static LayeredArchitecture layers() {
    LayeredArchitecture layers =
        layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("errors")
            .definedBy("com.partnercx.errors..")
            .layer("schema")
            .definedBy("com.partnercx.schema..")
            .layer("config")
            .definedBy("com.partnercx.config..")
            .layer("spark")
            .definedBy("com.partnercx.spark..")
            .layer("stats")
            .definedBy("com.partnercx.stats..")
            .layer("warehouse")
            .definedBy("com.partnercx.warehouse..")
            .layer("tables")
            .definedBy("com.partnercx.tables..")
            .layer("stage")
            .definedBy("com.partnercx.stage..")
            .layer("pipeline")
            .definedBy("com.partnercx.pipeline..")
            .layer("cli")
            .definedBy("com.partnercx.cli..")
            .layer("generate")
            .definedBy("com.partnercx.generate..")
            .layer("reports")
            .definedBy("com.partnercx.reports..")
            .layer("airflow")
            .definedBy("com.partnercx.airflow..");
    for (String stage : STAGES) {
      layers = layers.layer(stage).definedBy("com.partnercx." + stage + "..");
    }
    String[] foundation = {
      "errors", "schema", "config", "spark", "stats", "warehouse", "tables", "stage"
    };
    layers =
        layers
            .whereLayer("errors")
            .mayNotAccessAnyLayer()
            .whereLayer("reports")
            .mayNotAccessAnyLayer()
            .whereLayer("airflow")
            .mayNotAccessAnyLayer()
            .whereLayer("spark")
            .mayNotAccessAnyLayer()
            .whereLayer("stats")
            .mayNotAccessAnyLayer()
            .whereLayer("schema")
            .mayOnlyAccessLayers("errors")
            .whereLayer("config")
            .mayOnlyAccessLayers("errors", "schema")
            .whereLayer("warehouse")
            .mayOnlyAccessLayers("errors", "schema", "config")
            .whereLayer("tables")
            .mayOnlyAccessLayers("errors", "schema", "config", "warehouse")
            .whereLayer("stage")
            .mayOnlyAccessLayers("errors", "schema", "config", "warehouse", "tables")
            .whereLayer("generate")
            .mayOnlyAccessLayers("errors", "schema", "config");
    for (String stage : STAGES) {
      layers =
          stage.equals("publish")
              ? layers.whereLayer(stage).mayOnlyAccessLayers(concat(foundation, "reports"))
              : layers.whereLayer(stage).mayOnlyAccessLayers(foundation);
    }
    return layers
        .whereLayer("pipeline")
        .mayOnlyAccessLayers(concat(concat(foundation, "reports"), STAGES))
        .whereLayer("cli")
        .mayOnlyAccessLayers(
            concat(concat(foundation, "reports", "airflow", "generate", "pipeline"), STAGES));
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
