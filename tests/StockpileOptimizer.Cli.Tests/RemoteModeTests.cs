using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Tests;

/// <summary>
/// The real server (its Program) on Kestrel on a loopback port, shared by the remote-mode tests
/// of one class, with a temporary data directory. It binds port 0 and reads the port the system
/// gave it back from Kestrel's bound addresses (never a port probed, released and hoped free).
/// </summary>
public sealed class RemoteServer : IAsyncLifetime
{
    private readonly string data = System.IO.Directory.CreateTempSubdirectory("stockpile-cli-remote-").FullName;
    private WebApplicationFactory<global::Program>? factory;

    public string Url { get; private set; } = "";

    public Task InitializeAsync()
    {
        factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Server:Host", "127.0.0.1");
            builder.UseSetting("Server:Port", "0");
            builder.UseSetting("Jobs:DataDirectory", data);
            builder.UseSetting("Jobs:ShutdownGraceSeconds", "0");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        factory.UseKestrel();
        factory.StartServer();
        var bound = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Url = $"http://127.0.0.1:{new Uri(bound.Single()).Port}";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
        try
        {
            System.IO.Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
            // A closing SQLite handle; the OS cleans temp later.
        }
    }

    /// <summary>
    /// A loopback address that refuses connections for as long as the returned socket is held: the
    /// socket is bound (so no one else gets the port) and never listens.
    /// </summary>
    public static (Socket Holder, string Url) Refusing()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (socket, $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}");
    }
}

/// <summary><c>--server URL</c>: the same commands against a real server print the same output as in process.</summary>
public sealed partial class RemoteModeTests(RemoteServer server) : CliFixture, IClassFixture<RemoteServer>
{
    [Fact]
    public void Solve_prints_the_same_json_and_tables_locally_and_on_a_server()
    {
        var file = Write("newsvendor.json", HandInstances.Newsvendor(damage: 30));

        var local = Run("solve", file, "--json", "-q");
        var remote = Run("--server", server.Url, "solve", file, "--json", "-q");

        Assert.True(local.Code == ExitCodes.Ok, local.ToString());
        Assert.True(remote.Code == ExitCodes.Ok, remote.ToString());
        var result = Json<SolveResult>(remote.Stdout);
        Assert.Equal(720, result.Solver.Objective, 6);
        Assert.Equal(60, result.Policy!.Stockpiles.Single().Tonnes, 6);
        Assert.Equal(WithoutTiming(local.Stdout), WithoutTiming(remote.Stdout));

        var localTables = Run("solve", file);
        var remoteTables = Run("solve", file, "--server", server.Url);
        Assert.True(remoteTables.Code == ExitCodes.Ok, remoteTables.ToString());
        Assert.Equal(Tables(localTables.Stdout), Tables(remoteTables.Stdout));
        // Progress came from the job's events.
        Assert.Contains("solve: running on the server", remoteTables.Stderr);
    }

    [Fact]
    public void Solve_with_overrides_and_an_infeasible_instance_exits_as_in_process()
    {
        // A budget that cannot pay for the coverage floor: infeasible (exit 4) with a diagnosis either way.
        string[] args = ["solve", "--json", "-q", "--set", "countries[0].budgetUsd=10", "--set",
            """policy.coverageFloors=[{"country": "A", "material": "m", "months": 3}]"""];
        var file = Write("newsvendor.json", HandInstances.Newsvendor(damage: 30));

        var local = Run([.. args, file]);
        var remote = Run([.. args, file, "--server", server.Url]);

        Assert.Equal(ExitCodes.Infeasible, local.Code);
        Assert.True(remote.Code == ExitCodes.Infeasible, remote.ToString());
        Assert.Equal(WithoutTiming(local.Stdout), WithoutTiming(remote.Stdout));
    }

    [Fact]
    public void Validate_and_default_print_the_same_as_in_process()
    {
        var bad = Write("bad.json", HandInstances.Newsvendor(damage: 30) with
        {
            Countries = [new Country { Id = "A", BudgetUsd = -1, StorageTonnes = 1e6 }],
        });

        var local = Run("validate", bad);
        var remote = Run("validate", bad, "--server", server.Url);
        Assert.Equal(ExitCodes.InvalidInput, local.Code);
        Assert.True(remote.Code == ExitCodes.InvalidInput, remote.ToString());
        Assert.Equal(local.Stdout, remote.Stdout);
        Assert.Equal(local.Stderr, remote.Stderr);
        Assert.Contains("countries[0].budgetUsd", remote.Stderr);

        // A solve of an invalid instance: the server's INVALID_ARGUMENT, field paths and all.
        var solve = Run("solve", bad, "-q", "--server", server.Url);
        Assert.True(solve.Code == ExitCodes.InvalidInput, solve.ToString());
        Assert.Contains("invalid input: countries[0].budgetUsd", solve.Stderr);

        var good = Run("validate", Write("good.json", HandInstances.Newsvendor(damage: 30)), "--format", "json", "--server", server.Url);
        Assert.True(good.Code == ExitCodes.Ok, good.ToString());

        var defaultLocal = Run("default");
        var defaultRemote = Run("default", "--server", server.Url);
        Assert.True(defaultRemote.Code == ExitCodes.Ok, defaultRemote.ToString());
        Assert.Equal(defaultLocal.Stdout, defaultRemote.Stdout);

        // No instance file: the server's default instance, loaded and validated there.
        var validateDefault = Run("validate", "--server", server.Url);
        Assert.Equal(Run("validate").Stdout, validateDefault.Stdout);
    }

    [Fact]
    public async Task Ctrl_c_cancels_the_job_on_the_server_and_still_prints_the_best_plan_so_far()
    {
        // The large instance with a 600 s limit (the server's maximum): it does not end on its own
        // while the test runs; Ctrl+C comes once the server says the job is running.
        var large = Write("large.json", InstanceGenerator.Generate(new GeneratorSpec { Materials = 6, Periods = 12, Scenarios = 30 }));
        var stdout = new StringWriter();
        var stderr = new WatchedWriter("running on the server");
        using var cancel = new CancellationTokenSource();

        var run = Task.Run(() => CliApp.RunAsync(["solve", large, "--json", "--time-limit", "600", "--server", server.Url],
            new CliIo(stdout, stderr, false), cancel.Token));
        var first = await Task.WhenAny(stderr.Seen, run).WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(first == stderr.Seen, $"the solve ended before it was seen running\n{stderr}");
        await cancel.CancelAsync();
        var code = await run.WaitAsync(TimeSpan.FromSeconds(120));

        // As in process: the best plan so far (exit 0), or none yet (exit 5).
        Assert.True(code is ExitCodes.Ok or ExitCodes.NoPlan, $"exit {code}\n{stderr}");
        using var client = Client.StockpileClient.Create(new Client.StockpileClientOptions { Address = new Uri(server.Url) });
        var jobs = await client.ListJobsAsync();
        var job = jobs.Jobs.First(j => j.Fingerprint.Length > 0 && j.State != Contracts.V1.JobState.Succeeded);
        Assert.Equal(Contracts.V1.JobState.Cancelled, job.State);
        // The job's result, printed as in process: termination cancelled, with or without a plan.
        Assert.Equal(Termination.Cancelled, Json<SolveResult>(stdout.ToString()).Solver.Termination);
    }

    [Fact]
    public void An_unreachable_server_exits_6_with_a_clear_message()
    {
        var (holder, url) = RemoteServer.Refusing();
        using var held = holder;

        var run = Run("solve", "--server", url, "-q");

        Assert.True(run.Code == ExitCodes.ServerUnreachable, run.ToString());
        Assert.Contains($"error: --server {url}: the server could not be reached (5 attempts)", run.Stderr);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void Cooperation_and_frontier_run_on_the_analysis_service_with_the_same_output()
    {
        var twins = Write("twins.json", HandInstances.Twins());
        var local = Run("cooperation", twins, "--format", "json", "-q");
        var remote = Run("cooperation", twins, "--format", "json", "--server", server.Url);
        Assert.True(remote.Code == ExitCodes.Ok, remote.ToString());
        Assert.Equal(WithoutTiming(local.Stdout), WithoutTiming(remote.Stdout));
        Assert.Contains("3/3", remote.Stderr); // the job's "k of N done" events as progress
        Assert.Contains("180", remote.Stdout);

        var newsvendor = Write("newsvendor.json", HandInstances.Newsvendor(damage: 30, budget: 480));
        string[] sweep = ["frontier", newsvendor, "--parameter", "budget-scale", "--values", "0,0.5,1,1.5", "--format", "json", "-q"];
        var localFrontier = Run(sweep);
        var remoteFrontier = Run([.. sweep, "--server", server.Url]);
        Assert.True(remoteFrontier.Code == ExitCodes.Ok, remoteFrontier.ToString());
        Assert.Equal(WithoutTiming(localFrontier.Stdout), WithoutTiming(remoteFrontier.Stdout));

        // Checked before any work, as in process: a usage error, not the server's INVALID_ARGUMENT.
        Assert.Equal(ExitCodes.Usage, Run("frontier", newsvendor, "--values", "-1", "--server", server.Url).Code);
        var tooMany = Run("cooperation", twins, "--max-countries", "1", "--server", server.Url);
        Assert.Equal(Run("cooperation", twins, "--max-countries", "1").Code, tooMany.Code);
    }

    [Fact]
    public async Task Evaluate_and_scenarios_run_on_the_analysis_service_with_the_same_output()
    {
        var newsvendor = Write("newsvendor.json", HandInstances.Newsvendor(damage: 30));
        var distribution = WriteText("distribution.json", TestInstances.NewsvendorDistributionJson);

        string[] evaluate = ["evaluate", newsvendor, "--samples", "20", "--seed", "7", "--distribution", distribution, "--vss", "--evpi", "--format", "json", "-q"];
        var local = Run(evaluate);
        using var client = Client.StockpileClient.Create(new Client.StockpileClientOptions { Address = new Uri(server.Url) });
        var before = (await client.ListJobsAsync()).Jobs.Select(j => j.Name).ToHashSet();
        var remote = Run([.. evaluate, "--server", server.Url]);
        Assert.True(local.Code == ExitCodes.Ok, local.ToString());
        Assert.True(remote.Code == ExitCodes.Ok, remote.ToString());
        // One job for the whole command: the plan's solve, the sample, VSS and EVPI.
        var started = (await client.ListJobsAsync()).Jobs.Where(j => !before.Contains(j.Name)).ToList();
        Assert.Equal(["evaluation"], started.Select(j => j.Kind));
        Assert.Equal(WithoutTiming(local.Stdout), WithoutTiming(remote.Stdout));

        string[] scenarios = ["scenarios", newsvendor, "--samples", "30", "--seed", "3", "--distribution", distribution, "--reduce", "5", "--format", "json"];
        var localScenarios = Run(scenarios);
        var remoteScenarios = Run([.. scenarios, "--server", server.Url]);
        Assert.True(remoteScenarios.Code == ExitCodes.Ok, remoteScenarios.ToString());
        Assert.Equal(localScenarios.Stdout, remoteScenarios.Stdout);

        // The distribution is checked against the instance on this side, as in process.
        var unfit = Run("evaluate", newsvendor, "--samples", "5", "--server", server.Url);
        Assert.Equal(ExitCodes.InvalidInput, unfit.Code);
        Assert.Contains("invalid input: the default distribution: supplier: 'china' is not an import source", unfit.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_mps_has_no_rpc_and_exits_7_naming_the_command()
    {
        var run = Run("export-mps", Path("model.mps"), "--server", server.Url);

        Assert.True(run.Code == ExitCodes.NotSupported, run.ToString());
        Assert.Contains("export-mps --server", run.Stderr);
        Assert.Contains("not supported in remote mode", run.Stderr);
    }

    /// <summary>
    /// The JSON with the wall-time fields (which differ run to run) removed wherever they are,
    /// and −0 as 0: proto3 does not send a double equal to 0, so a −0 the engine gives (a zero
    /// shadow price) arrives as 0.
    /// </summary>
    private static string WithoutTiming(string json)
    {
        var node = JsonNode.Parse(json)!;
        Strip(node);
        return NegativeZero().Replace(node.ToJsonString(), "${1}0${2}");
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in new[] { "wallSeconds", "buildSeconds", "solveSeconds", "extractSeconds" })
                {
                    o.Remove(key);
                }
                foreach (var (_, child) in o)
                {
                    Strip(child);
                }
                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Strip(child);
                }
                break;
        }
    }

    [GeneratedRegex(@"([:\[,])-0(?:\.0+)?([,}\]])")]
    private static partial Regex NegativeZero();

    /// <summary>The tables with the time of the solve blanked, and a −0 cell (see <see cref="WithoutTiming"/>) as 0.</summary>
    private static string Tables(string text) => NegativeZeroCell().Replace(TimeLine().Replace(text, "time"), " 0");

    [GeneratedRegex(@"(?<=\s)-0(?=\s|$)", RegexOptions.Multiline)]
    private static partial Regex NegativeZeroCell();

    [GeneratedRegex(@"time [0-9.]+s \(build [0-9.]+, solve [0-9.]+, extract [0-9.]+\)")]
    private static partial Regex TimeLine();

    /// <summary>Collects what is written, and completes <see cref="Seen"/> once the text holds <paramref name="phrase"/>.</summary>
    private sealed class WatchedWriter(string phrase) : StringWriter
    {
        private readonly TaskCompletionSource seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => seen.Task;

        public override void Write(char value)
        {
            lock (seen)
            {
                base.Write(value);
                Check();
            }
        }

        public override void Write(string? value)
        {
            lock (seen)
            {
                base.Write(value);
                Check();
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (seen)
            {
                base.Write(buffer, index, count);
                Check();
            }
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            lock (seen)
            {
                base.Write(buffer);
                Check();
            }
        }

        public override void WriteLine(ReadOnlySpan<char> buffer)
        {
            lock (seen)
            {
                base.WriteLine(buffer);
                Check();
            }
        }

        public override string ToString()
        {
            lock (seen)
            {
                return base.ToString();
            }
        }

        private void Check()
        {
            if (!seen.Task.IsCompleted && GetStringBuilder().ToString().Contains(phrase, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        }
    }
}
