package io.parity.orderprocessor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads one secret from the Dapr sidecar's HTTP API and prints it on a single line. */
public final class OrderProcessor {

  private static final String SECRET_STORE_NAME = "localsecretstore";
  private static final String SECRET_KEY = "secret";

  public static void main(String[] args) {
    // `dapr run` tells the app which port its sidecar listens on; 3500 is Dapr's usual default.
    String port = System.getenv().getOrDefault("DAPR_HTTP_PORT", "3500");
    URI uri = URI.create("http://localhost:" + port + "/v1.0/secrets/"
        + SECRET_STORE_NAME + "/" + SECRET_KEY);

    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
      // A sidecar started with DAPR_API_TOKEN refuses (401) any call without this header.
      String apiToken = System.getenv("DAPR_API_TOKEN");
      if (apiToken != null && !apiToken.isEmpty()) {
        request.header("dapr-api-token", apiToken);
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        // Keep the error to one line even if the body spans several.
        String detail = response.body().replaceAll("\\s+", " ").strip();
        throw new IllegalStateException("HTTP " + response.statusCode() + ": " + detail);
      }
      // Print the sidecar's JSON exactly as it came, minus any trailing newline.
      System.out.println("Fetched Secret: " + response.body().stripTrailing());
    } catch (Exception e) {
      System.err.println("Failed to read secret '" + SECRET_KEY + "' from store '"
          + SECRET_STORE_NAME + "' at " + uri + ": " + e);
      System.exit(1);
    }
  }
}
