using System.Diagnostics;
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

    /// <summary>
    /// <c>serve --port 0</c>: the host binds a port the system picks and says which on stdout
    /// ("Now listening on: …"); a gRPC call there is answered, and the job store is in --data-dir.
    /// Had --port not reached the host, it would listen on its default 5080, which the system never
    /// hands out for port 0 (Linux gives ports from its ephemeral range, 32768 and up).
    /// </summary>
    [Fact]
    public async Task Serve_starts_the_grpc_host_on_the_given_port_with_the_store_in_the_data_dir()
    {
        using var server = Start(["serve", "--port", "0", "--host", "127.0.0.1", "--data-dir", Path("jobs"),
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information"]);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.OutputDataReceived += (_, e) => Heard(e.Data);
        server.ErrorDataReceived += (_, e) => Heard(e.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            var said = await Task.WhenAny(listening.Task, server.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(120));
            Assert.True(said == listening.Task, $"serve exited before it listened:\n{string.Join('\n', output)}");
            var address = await listening.Task;

            Assert.NotEqual(5080, address.Port);
            using var client = Client.StockpileClient.Create(new Client.StockpileClientOptions { Address = address });
            Assert.Empty((await client.ListJobsAsync()).Jobs);
            Assert.True(File.Exists(System.IO.Path.Combine(Path("jobs"), "jobs.db")), "the job store is in --data-dir");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        void Heard(string? line)
        {
            const string Listening = "Now listening on: ";
            if (line is null)
            {
                return;
            }
            output.Enqueue(line);
            var at = line.IndexOf(Listening, StringComparison.Ordinal);
            if (at >= 0 && Uri.TryCreate(line[(at + Listening.Length)..].Trim(), UriKind.Absolute, out var address))
            {
                listening.TrySetResult(address);
            }
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
}
