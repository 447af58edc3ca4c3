// Reads one secret through the Dapr .NET SDK and prints it on a single line.
using Dapr;
using Dapr.Client;
using Grpc.Core;

const string SecretStoreName = "localsecretstore";
const string SecretKey = "secret";

try
{
    // The builder finds the sidecar through the DAPR_GRPC_PORT / DAPR_HTTP_PORT variables
    // that `dapr run` sets for the app, and sends DAPR_API_TOKEN when it is set.
    using var client = new DaprClientBuilder().Build();
    Dictionary<string, string> secret = await client.GetSecretAsync(SecretStoreName, SecretKey);

    // Joining the dictionary renders each entry as "[key, value]".
    Console.WriteLine($"Fetched Secret: {string.Join(", ", secret)}");
    return 0;
}
catch (DaprException ex) when (ex.InnerException is RpcException rpc)
{
    // The sidecar answered: its gRPC status and its own words say why (401-like
    // Unauthenticated, PermissionDenied for a scoped-out key, Internal for a missing one).
    Console.Error.WriteLine(
        $"Failed to get secret '{SecretKey}' from '{SecretStoreName}': {rpc.StatusCode} {rpc.Status.Detail.ReplaceLineEndings(" ")}");
    return 1;
}
catch (Exception ex)
{
    Console.Error.WriteLine(
        $"Failed to get secret '{SecretKey}' from '{SecretStoreName}': {ex.Message.ReplaceLineEndings(" ")}");
    return 1;
}
