// Reads one secret through the Dapr .NET SDK and prints it on a single line.
using Dapr.Client;

const string SecretStoreName = "localsecretstore";
const string SecretKey = "secret";

try
{
    // The builder finds the sidecar through the DAPR_GRPC_PORT / DAPR_HTTP_PORT variables
    // that `dapr run` sets for the app.
    using var client = new DaprClientBuilder().Build();
    Dictionary<string, string> secret = await client.GetSecretAsync(SecretStoreName, SecretKey);

    // Joining the dictionary renders each entry as "[key, value]".
    Console.WriteLine($"Fetched Secret: {string.Join(", ", secret)}");
    return 0;
}
catch (Exception ex)
{
    // The SDK wraps the sidecar's answer in an inner exception; show both, on one line.
    var detail = ex.InnerException is null ? ex.Message : $"{ex.Message} ({ex.InnerException.Message})";
    Console.Error.WriteLine(
        $"Failed to read secret '{SecretKey}' from store '{SecretStoreName}': {detail.ReplaceLineEndings(" ")}");
    return 1;
}
