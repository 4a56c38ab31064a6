package com.partnercx.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/** The launcher's JVM flags (from the parent POM) must include every flag Spark asks for. */
class JvmOptionsTest {
  @Test
  void launcherOptionsCoverSparksModuleOptions() throws Exception {
    List<String> launcher =
        Arrays.asList(Files.readString(Path.of("target/jvm.options")).trim().split("\\s+"));
    for (String flag : JavaModuleOptions.defaultModuleOptions().split("\\s+")) {
      assertTrue(
          launcher.contains(flag),
          "target/jvm.options lacks " + flag + "; update pcx.jvm.moduleFlags in pom.xml");
    }
    assertTrue(launcher.contains("-Duser.timezone=UTC"), launcher.toString());
    assertTrue(launcher.contains("-Djava.awt.headless=true"), launcher.toString());
  }
}
