// Reads one secret from the Dapr sidecar's HTTP API and prints it on a single line.
const string SecretStoreName = "localsecretstore";
const string SecretKey = "secret";

// `dapr run` tells the app which port its sidecar listens on; 3500 is Dapr's usual default.
var port = Environment.GetEnvironmentVariable("DAPR_HTTP_PORT") is { Length: > 0 } p ? p : "3500";
var url = $"http://localhost:{port}/v1.0/secrets/{SecretStoreName}/{SecretKey}";

try
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    using var request = new HttpRequestMessage(HttpMethod.Get, url);
    // A sidecar started with DAPR_API_TOKEN refuses (401) any call without this header.
    var apiToken = Environment.GetEnvironmentVariable("DAPR_API_TOKEN");
    if (!string.IsNullOrEmpty(apiToken))
    {
        request.Headers.Add("dapr-api-token", apiToken);
    }
    using var response = await http.SendAsync(request);
    var body = await response.Content.ReadAsStringAsync();

    if (!response.IsSuccessStatusCode)
    {
        // The status and the sidecar's own words, on one line even if the body spans several.
        Console.Error.WriteLine(
            $"Failed to get secret '{SecretKey}' from '{SecretStoreName}': HTTP {(int)response.StatusCode} {body.ReplaceLineEndings(" ").Trim()}");
        return 1;
    }

    // Print the sidecar's JSON exactly as it came, minus any trailing newline.
    Console.WriteLine($"Fetched Secret: {body.TrimEnd()}");
    return 0;
}
catch (Exception ex)
{
    Console.Error.WriteLine(
        $"Failed to get secret '{SecretKey}' from '{SecretStoreName}' at {url}: {ex.Message.ReplaceLineEndings(" ")}");
    return 1;
}
