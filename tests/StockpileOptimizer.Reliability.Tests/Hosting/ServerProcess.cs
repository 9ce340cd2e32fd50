using StockpileOptimizer.TestData;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace StockpileOptimizer.Reliability.Tests.Hosting;

/// <summary>
/// The server as a real child process: <c>dotnet StockpileOptimizer.Server.dll
/// --Server:Host=127.0.0.1 --Server:Port=0 --Jobs:DataDirectory=D</c> (the build copies the
/// server and its runtimeconfig next to this assembly). Its console output is kept. Port 0: the
/// system picks the port when the server binds, and the server's "Now listening on:" line
/// tells which (never a port probed, released and hoped to be free still).
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int MaxKeptLines = 20_000;
    private const int SigTerm = 15;

    private readonly Process process;
    private const string ListeningLine = "Now listening on: ";

    private readonly ConcurrentQueue<string> lines = new();
    private readonly TaskCompletionSource<int> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GrpcChannel? channel;

    private ServerProcess(Process process, string dataDirectory)
    {
        this.process = process;
        DataDirectory = dataDirectory;
    }

    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "StockpileOptimizer.Server.dll");

    /// <summary>The port the server bound, from its "Now listening on:" line (known once it listens).</summary>
    public int Port => listening.Task.IsCompletedSuccessfully
        ? listening.Task.Result
        : throw new InvalidOperationException($"the server has not said where it listens yet:\n{Output}");

    public string DataDirectory { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output => string.Join('\n', lines);

    public V1.StockpileService.StockpileServiceClient Client => new(Channel);

    public GrpcChannel Channel => channel ??= NewChannel();

    /// <summary>A channel of its own (its own HTTP/2 connection), as a separate client would have.</summary>
    public GrpcChannel NewChannel() => GrpcChannel.ForAddress($"http://127.0.0.1:{Port}", new GrpcChannelOptions
    {
        MaxReceiveMessageSize = 64 * 1024 * 1024,
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, ConnectTimeout = TimeSpan.FromSeconds(10) },
    });

    /// <summary>
    /// Starts the server on loopback port <paramref name="port"/> (default 0: the system picks one);
    /// <paramref name="settings"/> are configuration keys ("Jobs:QueueCapacity").
    /// </summary>
    public static ServerProcess Start(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null, int port = 0)
    {
        var start = new ProcessStartInfo(ChildProcesses.DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerDll);
        start.ArgumentList.Add("--Server:Host=127.0.0.1");
        start.ArgumentList.Add($"--Server:Port={port}");
        start.ArgumentList.Add($"--Jobs:DataDirectory={dataDirectory}");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        // The line that tells the bound address, whatever the other log levels.
        start.ArgumentList.Add("--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process, dataDirectory);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ChildProcesses.RecordPid(process.Id);
        return server;
    }

    /// <summary>Starts the server and waits until its health service answers SERVING.</summary>
    public static async Task<ServerProcess> StartServingAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null, int port = 0)
    {
        var server = Start(dataDirectory, settings, port);
        try
        {
            await server.WaitUntilServingAsync(TimeSpan.FromSeconds(60));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        // First the line that says where it listens (or the process's exit), then its health service.
        using (var waiting = new CancellationTokenSource(timeout))
        {
            try
            {
                await Task.WhenAny(listening.Task, process.WaitForExitAsync(waiting.Token)).WaitAsync(waiting.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the server did not say where it listens within {timeout}:\n{Output}");
            }
        }
        if (!listening.Task.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException($"the server exited with code {process.ExitCode} before listening:\n{Output}");
        }
        var health = new Health.HealthClient(Channel);
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {process.ExitCode} before serving:\n{Output}");
            }
            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (RpcException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the server did not serve within {timeout}:\n{Output}");
    }

    /// <summary>kill -9: no shutdown code runs, as when the machine or the OOM killer takes the process.</summary>
    public async Task KillHardAsync()
    {
        process.Kill(entireProcessTree: false); // SIGKILL on Unix
        await process.WaitForExitAsync();
    }

    /// <summary>Waits for the process to exit by itself; null if it has not within <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            process.WaitForExit(); // the output readers drain
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>SIGTERM (graceful stop), then SIGKILL if it is still there after 20 s.</summary>
    public async ValueTask DisposeAsync()
    {
        channel?.Dispose();
        if (!process.HasExited)
        {
            _ = ChildProcesses.Signal(process.Id, SigTerm);
            if (await WaitForExitAsync(TimeSpan.FromSeconds(20)) is null)
            {
                await KillHardAsync();
            }
        }
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        if (lines.Count < MaxKeptLines)
        {
            lines.Enqueue(line);
        }
        var at = line.IndexOf(ListeningLine, StringComparison.Ordinal);
        if (at >= 0 && Uri.TryCreate(line[(at + ListeningLine.Length)..].Trim(), UriKind.Absolute, out var address))
        {
            listening.TrySetResult(address.Port);
        }
    }
}
