// order-processor (Go, Dapr SDK): reads one secret through the sidecar's gRPC API and prints it.
package main

import (
	"context"
	"fmt"
	"os"

	dapr "github.com/dapr/go-sdk/client"
)

const (
	secretStoreName = "localsecretstore"
	secretKey       = "secret"
)

func main() {
	value, err := fetchSecret(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("Fetched Secret:", value)
}

// fetchSecret returns its error instead of exiting, so the client is always closed.
func fetchSecret(ctx context.Context) (string, error) {
	// The SDK announces "dapr client initializing for: ..." on stdout, and `dapr run` shows
	// stderr as app output too, so mute it: the result (or error) should be the only line.
	// A failed connection is still reported, with the address, through the returned error.
	dapr.SetLogger(nil)

	// NewClient finds the sidecar through DAPR_GRPC_PORT, which `dapr run` sets.
	client, err := dapr.NewClient()
	if err != nil {
		return "", fmt.Errorf("could not connect to the Dapr sidecar: %w", err)
	}
	defer client.Close()

	secret, err := client.GetSecret(ctx, secretStoreName, secretKey, nil)
	if err != nil {
		return "", fmt.Errorf("could not get secret %q from store %q: %w", secretKey, secretStoreName, err)
	}

	// A secret is a map; for a single-value store it holds one entry named after the key.
	value, ok := secret[secretKey]
	if !ok {
		return "", fmt.Errorf("secret %q from store %q has no %q entry", secretKey, secretStoreName, secretKey)
	}
	return value, nil
}
