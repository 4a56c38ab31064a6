package com.partnercx.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An Airflow API server in the test's JVM, on 127.0.0.1 and a free port: answers what each test
 * scripts and records every request it sees. Unscripted paths answer 404 like Airflow does.
 */
final class FakeAirflow implements AutoCloseable {

  /** A request as the server saw it. */
  record Request(
      String method,
      String path,
      String rawPath,
      Map<String, List<String>> query,
      Map<String, List<String>> headers,
      String body) {

    String header(String name) {
      List<String> values = headers.get(name.toLowerCase());
      return values == null ? null : values.get(0);
    }

    List<String> params(String name) {
      return query.getOrDefault(name, List.of());
    }

    String param(String name) {
      List<String> values = params(name);
      return values.isEmpty() ? null : values.get(0);
    }

    JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("request body is not JSON: " + body, e);
      }
    }
  }

  /** A scripted answer, sent after {@code delay}. */
  record Response(int status, String body, Duration delay) {
    static Response json(int status, String body) {
      return new Response(status, body, Duration.ZERO);
    }

    static Response ok(String body) {
      return json(200, body);
    }

    Response after(Duration delay) {
      return new Response(status, body, delay);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Function<Request, Response>> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger tokensIssued = new AtomicInteger();

  private FakeAirflow() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Airflow 3: {@code /api/v2/version}, and {@code /auth/token} issuing token-1, token-2, ... */
  static FakeAirflow airflow3() throws IOException {
    FakeAirflow airflow = new FakeAirflow();
    airflow.on(
        "GET", "/api/v2/version", Response.ok("{\"version\":\"3.3.2\",\"git_version\":null}"));
    airflow.on(
        "POST",
        "/auth/token",
        request ->
            Response.json(
                201,
                "{\"access_token\":\"token-" + airflow.tokensIssued.incrementAndGet() + "\"}"));
    return airflow;
  }

  /** Airflow 2: {@code /api/v1/version}; {@code /api/v2/...} and {@code /auth/token} are 404. */
  static FakeAirflow airflow2() throws IOException {
    FakeAirflow airflow = new FakeAirflow();
    airflow.on(
        "GET", "/api/v1/version", Response.ok("{\"version\":\"2.10.5\",\"git_version\":\"abc\"}"));
    return airflow;
  }

  /** Answers {@code method path} with {@code handler}; replaces an earlier script. */
  FakeAirflow on(String method, String path, Function<Request, Response> handler) {
    routes.put(method + " " + path, handler);
    return this;
  }

  /** Answers with {@code responses} in turn, repeating the last one. */
  FakeAirflow on(String method, String path, Response... responses) {
    AtomicInteger next = new AtomicInteger();
    return on(
        method, path, request -> responses[Math.min(next.getAndIncrement(), responses.length - 1)]);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Request> requests(String method, String path) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .toList();
  }

  /** A JWT-shaped token whose payload carries {@code exp}; the signature is not checked here. */
  static String jwt(String name, long expEpochSecond) {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    String header = base64.encodeToString("{\"alg\":\"HS512\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        base64.encodeToString(
            ("{\"sub\":\"" + name + "\",\"exp\":" + expEpochSecond + "}")
                .getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + ".signature-" + name;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Request request = record(exchange);
      Function<Request, Response> route = routes.get(request.method() + " " + request.path());
      Response response =
          route == null ? Response.json(404, "{\"detail\":\"Not Found\"}") : route.apply(request);
      if (!response.delay().isZero()) {
        Thread.sleep(response.delay().toMillis());
      }
      byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (InterruptedException closing) {
      Thread.currentThread().interrupt();
    }
  }

  private Request record(HttpExchange exchange) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
    Request request =
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getRawPath(),
            parseQuery(exchange.getRequestURI().getRawQuery()),
            headers,
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    requests.add(request);
    return request;
  }

  private static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      String[] parts = pair.split("=", 2);
      query
          .computeIfAbsent(decode(parts[0]), k -> new ArrayList<>())
          .add(parts.length > 1 ? decode(parts[1]) : "");
    }
    return query;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
