package com.partnercx.airflow;

/**
 * What the server runs.
 *
 * @param version Airflow's version, e.g. {@code 3.3.2}
 * @param gitVersion the build's commit, or null
 * @param apiVersion which REST API this client speaks with it
 */
public record VersionInfo(String version, String gitVersion, ApiVersion apiVersion) {}
