using StockpileOptimizer.TestData;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace StockpileOptimizer.Cluster.Tests.Hosting;

/// <summary>
/// The real server as a child process joining a cluster: <c>dotnet StockpileOptimizer.Server.dll
/// --Cluster:Clustering=AdoNet …</c> (the build copies the server next to this assembly), its gRPC
/// port, silo port and job store its own (port 0, a free silo port, a temp directory). Its output
/// is kept for failure messages.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int MaxKeptLines = 5_000;
    private const int SigTerm = 15;

    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly string dataDirectory;

    private SiloProcess(Process process, string dataDirectory)
    {
        this.process = process;
        this.dataDirectory = dataDirectory;
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Completes when the process exits.</summary>
    public Task Exited => exited ??= process.WaitForExitAsync();

    private Task? exited;

    /// <summary>Everything the process wrote so far.</summary>
    public string Output => string.Join('\n', lines);

    /// <summary>Starts a server whose silo joins the AdoNet cluster <paramref name="clusterId"/> on <paramref name="connectionString"/>, with <paramref name="settings"/> added ("Cluster:ProbeTimeout").</summary>
    public static SiloProcess Start(string connectionString, string clusterId, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("stockpile-silo-").FullName;
        var start = new ProcessStartInfo(ChildProcesses.DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StockpileOptimizer.Server.dll"));
        var all = new Dictionary<string, string>
        {
            ["Server:Host"] = "127.0.0.1",
            ["Server:Port"] = "0",
            ["Jobs:DataDirectory"] = dataDirectory,
            ["Cluster:Clustering"] = "AdoNet",
            ["Cluster:ConnectionString"] = connectionString,
            ["Cluster:ClusterId"] = clusterId,
            ["Cluster:AdvertisedAddress"] = "127.0.0.1",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        foreach (var (key, value) in all)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(process, dataDirectory);
        process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ChildProcesses.RecordPid(process.Id);
        return silo;
    }

    /// <summary>kill -9: no shutdown code runs, as when the machine or the OOM killer takes the process.</summary>
    public async Task KillHardAsync()
    {
        process.Kill(entireProcessTree: false); // SIGKILL on Unix
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM (graceful stop), then SIGKILL if it is still there after 20 s; the data directory goes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            _ = ChildProcesses.Signal(process.Id, SigTerm);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                await KillHardAsync();
            }
        }
        process.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleaning.
        }
    }

    private void Keep(string? line)
    {
        if (line is not null && lines.Count < MaxKeptLines)
        {
            lines.Enqueue(line);
        }
    }
}
