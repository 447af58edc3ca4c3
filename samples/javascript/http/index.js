// order-processor (JavaScript, plain HTTP): asks the Dapr sidecar for one secret using
// Node's built-in fetch, so there is nothing to install.

const SECRET_STORE_NAME = 'localsecretstore';
const SECRET_KEY = 'secret';

// `dapr run` exports the sidecar's HTTP port; 3500 is the CLI's usual default.
const daprPort = process.env.DAPR_HTTP_PORT || '3500';
const url = `http://localhost:${daprPort}/v1.0/secrets/${SECRET_STORE_NAME}/${SECRET_KEY}`;

// A sidecar started with DAPR_API_TOKEN refuses (401) any call without this header.
const headers = {};
const apiToken = process.env.DAPR_API_TOKEN;
if (apiToken) {
  headers['dapr-api-token'] = apiToken;
}

async function main() {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  const body = await response.text();
  if (!response.ok) {
    throw new Error(`HTTP ${response.status} ${body.trim()}`);
  }
  // Print the JSON body just as the sidecar sent it, e.g. {"secret":"..."}.
  console.log(`Fetched Secret: ${body.trimEnd()}`);
}

main().catch((err) => {
  // fetch wraps network errors ("fetch failed"); the cause says what actually went wrong.
  const reason = err.cause ? `${err.message} (${err.cause.message ?? err.cause})` : err.message;
  console.error(`Failed to get secret '${SECRET_KEY}' from '${SECRET_STORE_NAME}': ${reason}`);
  process.exitCode = 1;
});
