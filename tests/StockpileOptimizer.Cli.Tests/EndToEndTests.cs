using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StockpileOptimizer.Domain;
using static StockpileOptimizer.TestData.HandInstances;

namespace StockpileOptimizer.Cli.Tests;

/// <summary>The built `stockpile` executable as a child process, as a script would run it.</summary>
public sealed class EndToEndTests : CliFixture
{
    private static readonly string Cli = System.IO.Path.Combine(AppContext.BaseDirectory, "stockpile.dll");

    [Fact]
    public async Task A_piped_solve_prints_json_on_stdout_and_progress_on_stderr()
    {
        var instance = Write("newsvendor.json", Newsvendor(damage: 30));

        var (code, stdout, stderr) = await RunProcess(["solve", instance, "--format", "json"], TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(720, Json<SolveResult>(stdout).Solver.Objective, 6);
        Assert.Contains("] solve: building the model", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stdin_takes_the_instance_and_invalid_input_exits_3()
    {
        var invalid = InstanceJson.Write(Newsvendor(damage: -5));

        var (code, _, stderr) = await RunProcess(["validate", "-"], TimeSpan.FromSeconds(60), stdin: invalid);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("invalid input: demands[0].damageUsdPerTonne", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_starts_the_grpc_host_on_the_given_port()
    {
        var port = FreePort();
        using var server = Start(["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", Path("jobs")]);
        try
        {
            var deadline = Stopwatch.StartNew();
            var listening = false;
            while (!listening && deadline.Elapsed < TimeSpan.FromSeconds(30) && !server.HasExited)
            {
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    listening = true;
                }
                catch (SocketException)
                {
                    await Task.Delay(200);
                }
            }
            Assert.True(listening, server.HasExited ? $"serve exited {server.ExitCode}: {await server.StandardError.ReadToEndAsync()}" : "serve did not listen within 30 s");
            Assert.True(File.Exists(System.IO.Path.Combine(Path("jobs"), "jobs.db")), "the job store is in --data-dir");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static Process Start(IEnumerable<string> args, bool redirectInput = false)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Cli);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        return Process.Start(info)!;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunProcess(string[] args, TimeSpan timeout, string? stdin = null)
    {
        using var process = Start(args, redirectInput: stdin is not null);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
