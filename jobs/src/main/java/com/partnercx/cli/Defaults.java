package com.partnercx.cli;

import java.nio.file.Path;

/**
 * Default locations, relative to the project folder ({@code pcx.home}, set by the launcher) so
 * {@code ./pcx demo} works from any working directory.
 */
final class Defaults {
  private Defaults() {}

  static Path home() {
    return Path.of(System.getProperty("pcx.home", ".")).toAbsolutePath().normalize();
  }

  static Path config() {
    return home().resolve("data-samples/config");
  }

  static String landing() {
    return home().resolve("data-samples/landing").toString();
  }

  static String warehouse() {
    return home().resolve("out/warehouse").toString();
  }

  static Path reports() {
    return home().resolve("out/reports");
  }
}
