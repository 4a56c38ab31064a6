package com.partnercx.cli.airflow;

import com.partnercx.airflow.AirflowClient;
import com.partnercx.airflow.Credentials;
import com.partnercx.errors.PcxErrors;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where Airflow is and who we are: {@code --url} (or PCX_AIRFLOW_URL), credentials from
 * PCX_AIRFLOW_USERNAME / PCX_AIRFLOW_PASSWORD or a properties file ({@code username=}, {@code
 * password=}). Never a password on the command line, where shells and process lists keep it.
 */
final class AirflowOptions {
  static final String URL_ENV = "PCX_AIRFLOW_URL";
  static final String USER_ENV = "PCX_AIRFLOW_USERNAME";
  static final String PASSWORD_ENV = "PCX_AIRFLOW_PASSWORD";
  static final String CREDENTIALS_FILE_ENV = "PCX_AIRFLOW_CREDENTIALS";

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "Airflow's base URL. Default: $" + URL_ENV + ", else http://127.0.0.1:8080")
  String url;

  @Option(
      names = "--credentials-file",
      paramLabel = "FILE",
      description =
          "Properties file with username= and password= (default: $"
              + CREDENTIALS_FILE_ENV
              + "); else $"
              + USER_ENV
              + " and $"
              + PASSWORD_ENV)
  Path credentialsFile;

  AirflowClient client() {
    return client(System.getenv());
  }

  AirflowClient client(Map<String, String> env) {
    String base = url != null ? url : env.getOrDefault(URL_ENV, "http://127.0.0.1:8080");
    AirflowClient.Builder builder = AirflowClient.builder(base);
    Credentials credentials = credentials(env);
    if (credentials != null) {
      builder.credentials(credentials);
    }
    return builder.build();
  }

  private Credentials credentials(Map<String, String> env) {
    Path file =
        credentialsFile != null
            ? credentialsFile
            : env.containsKey(CREDENTIALS_FILE_ENV) ? Path.of(env.get(CREDENTIALS_FILE_ENV)) : null;
    if (file != null) {
      Properties p = new Properties();
      try (Reader in = Files.newBufferedReader(file)) {
        p.load(in);
      } catch (IOException e) {
        throw PcxErrors.airflowCredentials(file, "cannot be read: " + e.getMessage(), e);
      }
      String user = p.getProperty("username");
      String password = p.getProperty("password");
      if (user == null || password == null) {
        throw PcxErrors.airflowCredentials(file, "lacks username= or password=", null);
      }
      return new Credentials(user, password);
    }
    String user = env.get(USER_ENV);
    String password = env.get(PASSWORD_ENV);
    return user == null || password == null ? null : new Credentials(user, password);
  }
}
