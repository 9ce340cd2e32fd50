namespace StockpileOptimizer.Cli.Engine;

/// <summary>
/// Picks the engine for <c>--server</c>: none means in-process. The remote engine is the seam
/// left for the .NET client (src/StockpileOptimizer.Client, not written yet): a
/// <c>RemoteEngine : IEngine</c> over it maps each call to the gRPC job API (start, watch for
/// progress, fetch the result) and its failures to <see cref="CliException"/>:
/// UNAVAILABLE / deadline → <see cref="CliException.ServerUnreachable"/> (exit 6),
/// INVALID_ARGUMENT with a BadRequest → <see cref="Domain.InvalidInstanceException"/> (exit 3),
/// an operation without an RPC → <see cref="CliException.NotSupported"/> (exit 7).
/// Until then <c>--server</c> fails with exit 7 before any work is done.
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
        throw CliException.NotSupported(
            $"--server {uri}: running commands on a server is not supported yet by this version of the CLI "
            + "(the .NET client it needs is not written yet); run without --server to use the engine in this process, "
            + "or call the server directly (docs/api.md)");
    }
}
