using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Reliability.Tests.Hosting;

namespace StockpileOptimizer.Reliability.Tests.Fuzz;

/// <summary>
/// The fuzz's findings, one input each, pinned as tests of the rule they break: bad input is
/// INVALID_ARGUMENT naming the field (never INTERNAL or UNKNOWN), and a number the engine
/// accepts gives the right answer.
/// </summary>
public sealed class FindingsTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Jobs:DefaultTimeLimitSeconds"] = "5",
        ["Jobs:MaxTimeLimitSeconds"] = "5",
    };

    /// <summary>
    /// A google.protobuf.Duration outside its valid range (± 315,576,000,000 s, nanos below
    /// 10⁹ with the sign of the seconds) is a malformed time limit: INVALID_ARGUMENT on
    /// options.timeLimit, like a negative one. (Found by the fuzz: it was INTERNAL, from Duration.ToTimeSpan().)
    /// </summary>
    [Theory]
    [InlineData(315_576_000_001L, 0)]
    [InlineData(long.MaxValue, 0)]
    [InlineData(1L, 1_000_000_000)]
    [InlineData(0L, int.MaxValue)]
    [InlineData(-1L, 5)]
    public async Task A_time_limit_outside_the_range_of_a_Duration_is_invalid_argument(long seconds, int nanos)
    {
        await using var host = new InProcessHost(Settings);
        var options = new V1.SolveOptions { TimeLimit = new Duration { Seconds = seconds, Nanos = nanos } };
        var instance = GoodRequest.Newsvendor().Instance;

        var solve = await Answer.Of(() => host.Client.SolveAsync(new V1.SolveRequest { Instance = instance, Options = options }).ResponseAsync);
        var start = await Answer.Of(() => host.Client.StartSolveAsync(new V1.StartSolveRequest { Instance = instance, Options = options }).ResponseAsync);

        foreach (var answer in new[] { solve, start })
        {
            Assert.True(answer.Status == StatusCode.InvalidArgument, $"time limit {{ seconds: {seconds}, nanos: {nanos} }}: {answer}");
            Assert.Contains(answer.BadRequest!.FieldViolations, v => v.Field == "options.timeLimit");
        }
    }

    /// <summary>
    /// A huge but finite number (the validator accepts any finite value ≥ 0) must be refused
    /// with INVALID_ARGUMENT naming its field, or solved right: the newsvendor's optimum with
    /// that one number changed is known by hand. (Found by the fuzz: money coefficients past the solver's
    /// infinity, 1e20, made SCIP fail — "solver returned ABNORMAL", a FAILED job and INTERNAL
    /// from Solve; tonnes past it were cut to 1e20 — a wrong OPTIMAL; and a budget far above the
    /// costs makes the money scale so small that costs vanish under the solver's tolerances —
    /// budget 1e13 gave objective 900, 1e14 and more gave 0, both reported OPTIMAL. Now the
    /// validator bounds every number and the money scale keeps per-tonne costs at 1 unit or more.)
    /// </summary>
    [Theory]
    [InlineData("countries[0].budgetUsd", 1e13, 720)]
    [InlineData("countries[0].budgetUsd", 1e30, 720)]
    [InlineData("countries[0].storageTonnes", 1e30, 720)]
    [InlineData("materials[0].priceUsdPerTonne", 1e30, 720)]
    [InlineData("materials[0].acquisitionUsdPerTonne", 1e30, 900)]
    [InlineData("materials[0].holdingUsdPerTonnePeriod", 1e30, 900)]
    [InlineData("demands[0].damageUsdPerTonne", 1e30, 720)]
    [InlineData("demands[0].tonnesPerPeriod[0]", 1e30, 3e31)]
    [InlineData("imports[0].tonnesPerPeriod", 1e30, 0)]
    [InlineData("scenarios[1].demandScale", 1e30, 1.5e33)]
    [InlineData("scenarios[1].events[0].priceMultiplier", 1e30, 720)]
    public async Task A_huge_finite_number_is_refused_or_solved_right(string field, double value, double objective)
    {
        await using var host = new InProcessHost(Settings);
        var instance = GoodRequest.Newsvendor().Instance;
        Set(instance, field, value);

        var answer = await Answer.Of(() => host.Client.SolveAsync(new V1.SolveRequest { Instance = instance }, InProcessHost.Deadline(TimeSpan.FromSeconds(60))).ResponseAsync);

        if (answer.Status == StatusCode.InvalidArgument)
        {
            Assert.Contains(answer.BadRequest!.FieldViolations, v => v.Field == field);
            return;
        }
        Assert.True(answer.Ok, $"{field} = {value:G3}: {answer}");
        var result = (V1.SolveResult)answer.Response!;
        var got = result.Solver.ObjectiveUsd.GetValueOrDefault(double.NaN);
        Assert.True(result.Solver.Termination == V1.Termination.Optimal && Math.Abs(got - objective) <= 1e-6 * Math.Max(1, objective),
            $"{field} = {value:G3}: {result.Solver.Termination}, objective {got:G6}; the optimum is {objective:G6}");
    }

    /// <summary>
    /// Any int32 is a seed (the proto allows every value). (Found by the fuzz: int.MinValue made
    /// SolverFactory.Configure's Math.Abs throw OverflowException: a FAILED job, INTERNAL from Solve.)
    /// </summary>
    [Fact]
    public async Task The_seed_int_MinValue_is_a_seed_like_any_other()
    {
        await using var host = new InProcessHost(Settings);
        var options = new V1.SolveOptions { Seed = int.MinValue };

        var answer = await Answer.Of(() => host.Client.SolveAsync(new V1.SolveRequest { Instance = GoodRequest.Newsvendor().Instance, Options = options },
            InProcessHost.Deadline(TimeSpan.FromSeconds(60))).ResponseAsync);

        if (answer.Status == StatusCode.InvalidArgument)
        {
            Assert.Contains(answer.BadRequest!.FieldViolations, v => v.Field == "options.seed");
            return;
        }
        Assert.True(answer.Ok, $"seed int.MinValue: {answer}");
        GoodRequest.AssertNewsvendorOptimum((V1.SolveResult)answer.Response!);
    }

    /// <summary>
    /// A valid instance that the solver cannot handle numerically — here one demand of 10⁸ t
    /// among demands of about 10 t — is still not a bug of the server: the answer is a result
    /// (TERMINATION_ERROR with the solver's message, which result.proto provides for this) or
    /// INVALID_ARGUMENT naming the field, never INTERNAL. (Found by the fuzz: SCIP reports "unresolved
    /// numerical troubles in LP", the job FAILED and Solve answered INTERNAL "the solve failed".
    /// Then the fuzz found an accepted job that FAILED so: now SCIP's failure sends the instance
    /// to HiGHS, which solves it — an optimal result.)
    /// </summary>
    [Theory]
    [InlineData(1e8)]
    [InlineData(1e9)]
    public async Task A_badly_scaled_valid_instance_is_answered_with_a_result_not_internal(double tonnes)
    {
        await using var host = new InProcessHost(Settings);
        var instance = DomainMapping.ToProto(Instances.Rich());
        instance.Demands[3].TonnesPerPeriod[1] = tonnes;

        var answer = await Answer.Of(() => host.Client.SolveAsync(new V1.SolveRequest { Instance = instance }, InProcessHost.Deadline(TimeSpan.FromSeconds(60))).ResponseAsync);

        if (answer.Status == StatusCode.InvalidArgument)
        {
            Assert.Contains(answer.BadRequest!.FieldViolations, v => v.Field == "demands[3].tonnesPerPeriod[1]");
            return;
        }
        Assert.True(answer.Ok, $"demands[3].tonnesPerPeriod[1] = {tonnes:G3}: {answer}");
        // Since SCIP's numerical trouble sends the instance to HiGHS, such an instance is solved.
        var result = (V1.SolveResult)answer.Response!;
        Assert.Equal(V1.Termination.Optimal, result.Solver.Termination);
    }

    /// <summary>
    /// Bytes that do not decode as the request message are malformed input: INVALID_ARGUMENT.
    /// (Found by the fuzz: UNKNOWN "Exception was thrown by handler." — grpc-dotnet deserializes before any
    /// interceptor runs, and maps the InvalidProtocolBufferException to UNKNOWN.)
    /// </summary>
    [Theory]
    [InlineData("Solve")]
    [InlineData("StartSolve")]
    [InlineData("ValidateScenario")]
    public async Task A_body_that_is_not_the_request_message_is_invalid_argument(string method)
    {
        await using var host = new InProcessHost(Settings);
        var raw = Marshallers.Create<byte[]>(b => b, b => b);
        var call = new Method<byte[], byte[]>(MethodType.Unary, V1.StockpileService.Descriptor.FullName, method, raw, raw);
        // Field 1 (instance), length-delimited, says 5 bytes follow; one does.
        byte[] truncated = [0x0a, 0x05, 0x01];

        var answer = await Answer.Of(async () =>
        {
            await host.Channel.CreateCallInvoker().AsyncUnaryCall(call, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)), truncated);
            return new Empty();
        });

        Assert.True(answer.Status == StatusCode.InvalidArgument, $"{method} with bytes 0A0501: {answer}");
    }

    private static void Set(V1.StockpileInstance i, string field, double value)
    {
        switch (field)
        {
            case "countries[0].budgetUsd": i.Countries[0].BudgetUsd = value; break;
            case "countries[0].storageTonnes": i.Countries[0].StorageTonnes = value; break;
            case "materials[0].priceUsdPerTonne": i.Materials[0].PriceUsdPerTonne = value; break;
            case "materials[0].acquisitionUsdPerTonne": i.Materials[0].AcquisitionUsdPerTonne = value; break;
            case "materials[0].holdingUsdPerTonnePeriod": i.Materials[0].HoldingUsdPerTonnePeriod = value; break;
            case "demands[0].damageUsdPerTonne": i.Demands[0].DamageUsdPerTonne = value; break;
            case "demands[0].tonnesPerPeriod[0]": i.Demands[0].TonnesPerPeriod[0] = value; break;
            case "imports[0].tonnesPerPeriod": i.Imports[0].TonnesPerPeriod = value; break;
            case "scenarios[1].demandScale": i.Scenarios[1].DemandScale = value; break;
            case "scenarios[1].events[0].priceMultiplier": i.Scenarios[1].Events[0].PriceMultiplier = value; break;
            default: throw new ArgumentException(field);
        }
    }
}
