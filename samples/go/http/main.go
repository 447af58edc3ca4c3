// order-processor (Go, plain HTTP): asks the Dapr sidecar for one secret over its HTTP API.
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

const (
	secretStoreName = "localsecretstore"
	secretKey       = "secret"
)

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func main() {
	// `dapr run` exports the sidecar's HTTP port; 3500 is the CLI's usual default.
	port := os.Getenv("DAPR_HTTP_PORT")
	if port == "" {
		port = "3500"
	}
	url := fmt.Sprintf("http://localhost:%s/v1.0/secrets/%s/%s", port, secretStoreName, secretKey)

	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		fail("could not build the request for %s: %v", url, err)
	}
	// A sidecar started with DAPR_API_TOKEN refuses (401) any call without this header.
	if apiToken := os.Getenv("DAPR_API_TOKEN"); apiToken != "" {
		req.Header.Set("dapr-api-token", apiToken)
	}

	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		fail("could not reach the Dapr sidecar at %s: %v", url, err)
	}
	defer resp.Body.Close()

	body, err := io.ReadAll(resp.Body)
	if err != nil {
		fail("could not read the secret response: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		fail("getting secret %q from %q failed: %s %s", secretKey, secretStoreName, resp.Status, strings.TrimSpace(string(body)))
	}

	// Print the JSON body just as the sidecar sent it, e.g. {"secret":"..."}.
	fmt.Println("Fetched Secret: " + strings.TrimRight(string(body), " \t\r\n"))
}
