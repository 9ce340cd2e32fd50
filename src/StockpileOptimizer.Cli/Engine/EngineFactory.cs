namespace StockpileOptimizer.Cli.Engine;

/// <summary>
/// Picks the engine for <c>--server</c>: none means in-process (<see cref="LocalEngine"/>); a
/// URL means the gRPC server there (<see cref="RemoteEngine"/>, with the API key from
/// <c>STOCKPILE_API_KEY</c> when set). Both give the same domain records, so every command
/// prints the same output either way.
/// </summary>
internal static class EngineFactory
{
    public static IEngine Create(string? server)
    {
        if (server is null)
        {
            return new LocalEngine();
        }
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw CliException.Usage($"--server: '{server}' is not a URL; give http://HOST:PORT (h2c) or https://HOST:PORT");
        }
        var key = Environment.GetEnvironmentVariable(RemoteEngine.ApiKeyVariable);
        return new RemoteEngine(uri, string.IsNullOrEmpty(key) ? null : key);
    }
}
