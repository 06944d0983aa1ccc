package org.convergepbx.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The REST API as an administrator's script uses it. */
public final class AdminApi {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String authorization;

  /**
   * @param base e.g. {@code http://127.0.0.1:8080} (plus a context path if any), without trailing slash
   */
  public AdminApi(String base, String user, String password) {
    this.base = base;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public String base() {
    return base;
  }

  /** The Authorization header this client sends. */
  public String authorization() {
    return authorization;
  }

  public HttpResponse<String> createExtension(String number, String name, String secret) {
    return post(
        "/api/v1/extensions",
        "{\"number\":\"" + number + "\",\"name\":\"" + name + "\",\"secret\":\"" + secret + "\"}",
        "application/json");
  }

  /** Creates an extension and fails unless the API answers 201. */
  public void provision(String number, String secret) {
    HttpResponse<String> r = createExtension(number, "Extension " + number, secret);
    if (r.statusCode() != 201) {
      throw new AssertionError("creating " + number + ": " + r.statusCode() + " " + r.body());
    }
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  public HttpResponse<String> getUnauthenticated(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET());
  }

  public HttpResponse<String> getAbsolute(String url) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", authorization)
            .GET());
  }

  public HttpResponse<String> post(String path, String body, String contentType) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A multipart/form-data upload: text fields, then one file part named {@code file}. */
  public HttpResponse<String> upload(String path, java.util.Map<String, String> fields, String fileName, byte[] file) {
    String boundary = "----pbx-it-" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
    fields.forEach(
        (name, value) ->
            body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                    .getBytes(utf8)));
    if (file != null) {
      body.writeBytes(
          ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                  + "\"\r\nContent-Type: audio/wav\r\n\r\n")
              .getBytes(utf8));
      body.writeBytes(file);
      body.writeBytes("\r\n".getBytes(utf8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(utf8));
    return send(
        request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  /** A GET whose body is binary. */
  public HttpResponse<byte[]> getBytes(String path) {
    try {
      return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AssertionError("HTTP request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  public HttpResponse<String> put(String path, String body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A PUT of raw bytes (a WAV file, say) with their content type. */
  /** PUT that must create (201) or replace (200); fails naming the path and the answer otherwise. */
  public void putOk(String path, String body) {
    HttpResponse<String> r = put(path, body);
    if (r.statusCode() != 200 && r.statusCode() != 201) {
      throw new AssertionError(path + ": " + r.statusCode() + " " + r.body());
    }
  }

  public HttpResponse<String> putBytes(String path, byte[] body, String contentType) {
    return send(request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  public HttpResponse<String> delete(String path) {
    return send(request(path).DELETE());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", authorization);
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("HTTP request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
