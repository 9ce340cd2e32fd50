using System.Diagnostics;
using Grpc.Health.V1;
using Grpc.Net.Client;
using StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Bench.Grpc;

/// <summary>
/// The real gRPC host (StockpileOptimizer.Server.dll, copied next to this program by the
/// project reference) started as a child process on a free loopback port with a scratch job
/// store, ready once its health check says SERVING. Disposing stops it and deletes the store.
/// </summary>
internal sealed class LoopbackHost : IAsyncDisposable
{
    private readonly Process process;
    private readonly string dataDirectory;
    private readonly GrpcChannel channel;

    private LoopbackHost(Process process, string dataDirectory, GrpcChannel channel)
    {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.channel = channel;
        Client = new StockpileService.StockpileServiceClient(channel);
    }

    public StockpileService.StockpileServiceClient Client { get; }

    public static async Task<LoopbackHost> StartAsync(string scratch, TimeSpan startLimit)
    {
        var server = Path.Combine(AppContext.BaseDirectory, "StockpileOptimizer.Server.dll");
        if (!File.Exists(server))
        {
            throw new FileNotFoundException("the server assembly is not next to the benchmark (project reference missing?)", server);
        }
        var data = Directory.CreateDirectory(Path.Combine(scratch, $"host-{Guid.NewGuid():N}")).FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[] { server, "--Server:Host=127.0.0.1", "--Server:Port=0", $"--Jobs:DataDirectory={data}", "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information" })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        var log = new List<string>();
        // Port 0: the system picks the port as the server binds; its "Now listening on:" line says which.
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            Keep(log, e.Data);
            if (ListeningPort(e.Data) is { } bound)
            {
                listening.TrySetResult(bound);
            }
        };
        process.ErrorDataReceived += (_, e) => Keep(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        int port;
        try
        {
            port = await listening.Task.WaitAsync(startLimit);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            Directory.Delete(data, recursive: true);
            throw new TimeoutException($"the server did not say where it listens within {startLimit.TotalSeconds:0} s: {string.Join(" | ", Last(log))}");
        }
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });
        var host = new LoopbackHost(process, data, channel);
        try
        {
            await host.WaitUntilServingAsync(startLimit, log);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilServingAsync(TimeSpan limit, List<string> log)
    {
        var health = new Health.HealthClient(channel);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {process.ExitCode}: {string.Join(" | ", Last(log))}");
            }
            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (global::Grpc.Core.RpcException) when (clock.Elapsed < limit)
            {
                // Not listening yet.
            }
            if (clock.Elapsed >= limit)
            {
                throw new TimeoutException($"the server was not serving within {limit.TotalSeconds:0} s: {string.Join(" | ", Last(log))}");
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        channel.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        Directory.Delete(dataDirectory, recursive: true);
    }

    private static int? ListeningPort(string? line)
    {
        const string Listening = "Now listening on: ";
        var at = line?.IndexOf(Listening, StringComparison.Ordinal) ?? -1;
        return at >= 0 && Uri.TryCreate(line![(at + Listening.Length)..].Trim(), UriKind.Absolute, out var address) ? address.Port : null;
    }

    private static void Keep(List<string> log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.Add(line);
        }
    }

    private static string[] Last(List<string> log)
    {
        lock (log)
        {
            return log.TakeLast(5).ToArray();
        }
    }
}
