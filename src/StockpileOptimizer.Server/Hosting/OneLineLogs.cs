using Microsoft.Extensions.Logging.Console;

namespace StockpileOptimizer.Server.Hosting;

/// <summary>
/// Log settings that hold whatever configuration the host finds (appsettings.json is read from
/// the content root, the working directory, so a server started elsewhere runs without it):
/// every entry is one line (the simple console formatter's SingleLine, which also puts an
/// exception's stack on that line; the JSON formatter writes one object a line anyway), and
/// grpc-dotnet's call handler logs only from Warning, since it logs every error answer, and
/// every body that is not the request message, at Information with its stack.
/// </summary>
internal static class OneLineLogs
{
    /// <summary>grpc-dotnet's per-call logger: "Error status code … raised", "Error reading message", with stacks.</summary>
    public const string CallHandlerCategory = "Grpc.AspNetCore.Server.ServerCallHandler";

    public static IServiceCollection AddOneLineLogs(this IServiceCollection services)
    {
        // Registered after the host's binding of Logging:Console, so these win.
        services.Configure<SimpleConsoleFormatterOptions>(o => o.SingleLine = true);
        services.AddLogging(b => b.AddFilter(CallHandlerCategory, LogLevel.Warning));
        return services;
    }
}
