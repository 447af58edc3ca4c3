package io.parity.orderprocessor;

import io.dapr.client.DaprClient;
import io.dapr.client.DaprClientBuilder;
import java.util.Map;

/** Reads one secret through the Dapr Java SDK and prints it on a single line. */
public final class OrderProcessor {

  private static final String SECRET_STORE_NAME = "localsecretstore";
  private static final String SECRET_KEY = "secret";

  public static void main(String[] args) {
    int exitCode = 0;
    // The builder picks up the sidecar's address and ports from the DAPR_* variables that
    // `dapr run` sets, so nothing needs configuring here.
    try (DaprClient client = new DaprClientBuilder().build()) {
      Map<String, String> secret = client.getSecret(SECRET_STORE_NAME, SECRET_KEY).block();
      System.out.println("Fetched Secret: " + secret);
    } catch (Exception e) {
      System.err.println("Failed to read secret '" + SECRET_KEY + "' from store '"
          + SECRET_STORE_NAME + "': " + e);
      exitCode = 1;
    }
    // gRPC and Reactor can leave non-daemon threads behind after close; exit explicitly.
    System.exit(exitCode);
  }
}
