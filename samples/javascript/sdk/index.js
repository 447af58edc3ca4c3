// Reads one secret through the Dapr JavaScript SDK and prints it on a single line.
import { CommunicationProtocolEnum, DaprClient, LogLevel } from "@dapr/dapr";

const SECRET_STORE_NAME = "localsecretstore";
const SECRET_KEY = "secret";

const client = new DaprClient({
  daprHost: "127.0.0.1",
  // `dapr run` exports the sidecar's HTTP port; 3500 is Dapr's usual default.
  daprPort: process.env.DAPR_HTTP_PORT ?? "3500",
  communicationProtocol: CommunicationProtocolEnum.HTTP,
  // The SDK logs its own start-up lines to stdout at Info; only errors are wanted here.
  logger: { level: LogLevel.Error },
});

try {
  const secret = await client.secret.get(SECRET_STORE_NAME, SECRET_KEY);
  console.log(`Fetched Secret: ${JSON.stringify(secret)}`);
} catch (err) {
  console.error(`Failed to read secret '${SECRET_KEY}' from store '${SECRET_STORE_NAME}': ${err?.message ?? err}`);
  process.exitCode = 1;
} finally {
  // Closes the client's keep-alive connections so Node can exit straight away.
  await client.stop();
}
