package com.partnercx.errors.archfixture;

import com.partnercx.config.PcxConfig;

/** An error class that reaches up into the configuration: what the layering forbids. */
public final class ConfigAwareError {
  private ConfigAwareError() {}

  public static String describe(PcxConfig config) {
    return "configuration " + config.hash();
  }
}
