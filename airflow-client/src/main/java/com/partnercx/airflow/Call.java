package com.partnercx.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request to Airflow, described before it is sent.
 *
 * @param path absolute path below the base URL, already percent-encoded, e.g. {@code /api/v2/dags}
 * @param query parameters in order; a name may repeat ({@code state=failed&state=success})
 * @param body JSON body, or null
 * @param action what the caller tried, in words used by error messages: "trigger DAG 'x'"
 * @param retrySafe whether sending it twice does no more than sending it once, so that a server
 *     error or a lost answer may be retried: every GET, PATCH and DELETE, and the POSTs marked so
 */
record Call(
    String method,
    String path,
    List<Map.Entry<String, String>> query,
    JsonNode body,
    Auth auth,
    String action,
    boolean retrySafe) {

  /** How the request proves who sends it. */
  enum Auth {
    NONE,
    BASIC,
    BEARER
  }

  Call {
    query = List.copyOf(query);
  }

  static Call of(String method, String path, JsonNode body, Auth auth, String action) {
    return new Call(method, path, List.of(), body, auth, action, !"POST".equals(method));
  }

  /** This call, marked safe to send again (a POST whose repetition changes nothing). */
  Call markedRetrySafe() {
    return new Call(method, path, query, body, auth, action, true);
  }

  /** This call with one more query parameter; a null value adds nothing. */
  Call query(String name, Object value) {
    if (value == null) {
      return this;
    }
    List<Map.Entry<String, String>> more = new ArrayList<>(query);
    more.add(Map.entry(name, String.valueOf(value)));
    return new Call(method, path, more, body, auth, action, retrySafe);
  }

  /** Method and path as shown in messages and logs, e.g. {@code GET /api/v2/dags}. */
  String endpoint() {
    return method + " " + path;
  }
}
