using System.Net;
using System.Net.Sockets;
using System.Text;
using static StockpileOptimizer.TestData.HandInstances;

namespace StockpileOptimizer.Cli.Tests;

/// <summary>
/// Scripts rely on the exit codes as numbers (docs/cli.md, "Exit codes"), so this table asserts
/// literal numbers — not the ExitCodes constants, which a renumbering would move along with the
/// code — for a real invocation of each, in process through CliApp.RunAsync as Program runs it.
/// </summary>
public sealed class ExitCodeTests : CliFixture
{
    public static TheoryData<int, string> Cases => new()
    {
        { 0, "solved" },
        { 1, "stdout fails" },
        { 2, "unknown option" },
        { 3, "validation rule broken" },
        { 4, "infeasible" },
        { 5, "time limit before any plan" },
        { 5, "cancelled before any plan" },
        { 6, "server refuses connections" },
        { 7, "export-mps with --server" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_outcome_exits_with_its_documented_number(int expected, string outcome)
    {
        var newsvendor = Write("newsvendor.json", Newsvendor(damage: 30));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var cancel = new CancellationTokenSource();
        // A loopback port held by a bound socket that never listens: connecting is refused at once,
        // and no other process can take the port while the test holds it.
        using var refusing = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        refusing.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var server = $"http://127.0.0.1:{((IPEndPoint)refusing.LocalEndPoint!).Port}";
        TextWriter output = stdout;

        string[] args = outcome switch
        {
            "solved" => ["solve", newsvendor, "-q"],
            // A failure nobody planned for: writing the result fails (a full disk, a closed pipe).
            "stdout fails" => Failing(out output, ["solve", newsvendor, "-q"]),
            "unknown option" => ["solve", newsvendor, "--no-such-option"],
            "validation rule broken" => ["validate", newsvendor, "--set", "countries[0].budgetUsd=-1"],
            // A budget of 0 with a 12-month coverage floor (OverrideTests): no plan satisfies both.
            "infeasible" => ["solve", newsvendor, "-q", "--set", "countries[0].budgetUsd=0",
                "--set", """policy.coverageFloors=[{"country": "A", "material": "m", "months": 12}]"""],
            // 1e-7 s is one tick: reading, validating and building the model take longer on any
            // machine, so the limit has passed before the solver starts (not a race with the solver).
            "time limit before any plan" => ["solve", newsvendor, "-q", "--time-limit", "1e-7"],
            "cancelled before any plan" => Cancelled(cancel, ["solve", newsvendor, "-q"]),
            "server refuses connections" => ["validate", newsvendor, "--server", server],
            // Refused before any call: the API has no RPC for it (the URL is never contacted).
            "export-mps with --server" => ["export-mps", newsvendor, Path("out.mps"), "--server", server],
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "no such case"),
        };

        var code = await CliApp.RunAsync(args, new CliIo(output, stderr, Interactive: false), cancel.Token);

        var run = new CliRun(code, stdout.ToString(), stderr.ToString());
        Assert.True(code == expected, $"{outcome}: expected exit {expected}\n{run}");
        Assert.True(expected != 1 || run.Stderr.Contains("unexpected error: System.IO.IOException: No space left on device", StringComparison.Ordinal), run.ToString());
        // A result (infeasible, no plan) is reported on stdout; a failure on stderr.
        Assert.True(expected == 0 || (run.Stdout + run.Stderr).Trim().Length > 0, $"{outcome}: a non-zero exit says why\n{run}");
    }

    private static string[] Failing(out TextWriter output, string[] args)
    {
        output = new FailingWriter();
        return args;
    }

    private static string[] Cancelled(CancellationTokenSource cancel, string[] args)
    {
        cancel.Cancel();
        return args;
    }

    /// <summary>A stdout whose every write fails as a full disk does.</summary>
    private sealed class FailingWriter : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw new IOException("No space left on device");

        public override void Write(string? value) => throw new IOException("No space left on device");

        public override void Write(char[] buffer, int index, int count) => throw new IOException("No space left on device");
    }
}
