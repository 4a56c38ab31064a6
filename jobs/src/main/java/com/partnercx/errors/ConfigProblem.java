package com.partnercx.errors;

/**
 * One thing wrong with the configuration.
 *
 * @param file the file, relative to the configuration folder
 * @param key where in the file: a dotted key path for YAML, "row N, column C" for CSV
 * @param message what is wrong and what is expected instead
 */
public record ConfigProblem(String file, String key, String message) {
  public String describe() {
    return file + (key.isEmpty() ? "" : " [" + key + "]") + ": " + message;
  }
}
