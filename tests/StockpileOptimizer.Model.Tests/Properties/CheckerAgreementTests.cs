using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;
using StockpileOptimizer.Model.Tests.Checking;

namespace StockpileOptimizer.Model.Tests.Properties;

public sealed class CheckerAgreementTests
{
    // The independent checker re-evaluates every row and the objective of the returned plan
    // from the data alone; the solver's plan must satisfy them and its objective agree to 1e-6.
    [Theory]
    [InlineData(21, CooperationMode.Joint, 0.0)]
    [InlineData(22, CooperationMode.Joint, 0.5)]
    [InlineData(23, CooperationMode.Independent, 0.0)]
    [InlineData(24, CooperationMode.Independent, 0.5)]
    public void Solver_plans_pass_the_independent_check(int seed, CooperationMode mode, double riskWeight)
    {
        var instance = Generated.Small(seed, riskWeight: riskWeight, periods: 4)
            .WithPolicy(p => p with { Mode = mode, RefillFraction = 0.5 });
        AssertAgrees(instance, StockpileSolver.Solve(instance, new SolveOptions { RelativeGap = 1e-9 }));
    }

    private const int SeedCount = 64;

    public static TheoryData<int> V2Seeds() => [.. Enumerable.Range(1, SeedCount)];

    // Format-2 instances of many shapes (GeneratorSpec.SmallV2: recipes, holdings, trade and
    // tariff events, every release rule, cost view and contract, coverage by basis and days),
    // in both modes, some with a refill fraction.
    [Theory]
    [MemberData(nameof(V2Seeds))]
    public void Solver_plans_of_v2_instances_pass_the_independent_check(int seed)
    {
        var (instance, result) = SolvedV2(seed);

        Assert.True(result.Solver.Termination == Termination.Optimal,
            $"seed {seed} ({instance.Name}): {result.Solver.Termination} {result.Solver.Message}");
        AssertAgrees(instance, result, $"seed {seed} ({instance.Name})");
    }

    // The agreement above means something only if the plans use what the checker checks: over the
    // seeds, some plan trades (at a duty), releases within a finite shortage gap, releases firms'
    // holdings, runs a recipe, signs a top-up, transfers, leaves a shortage, and draws down holdings.
    [Fact]
    public void The_v2_seeds_exercise_every_new_family()
    {
        var solved = Enumerable.Range(1, SeedCount).Select(SolvedV2).ToList();
        (string Family, Func<StockpileInstance, SolveResult, bool> Used)[] families =
        [
            ("trade", (_, r) => Paths(r).Any(p => p.Trade.Any(f => f.Tonnes.Sum() > 1e-6))),
            ("trade at a duty", (_, r) => Paths(r).Any(p => p.Trade.Any(f => f.Tonnes.Zip(f.Tariff).Any(e => e.First > 1e-6 && e.Second > 0)))),
            ("release within a finite gap", (_, r) => Paths(r).SelectMany(p => p.Materials)
                .Any(m => m.Releases.Zip(m.ReleaseLimit).Any(e => e.First > 1e-6 && !double.IsInfinity(e.Second)))),
            ("private release of holdings", (i, r) => i.Holdings.Any(h => h.PrivateTonnes > 0) && Paths(r).SelectMany(p => p.Materials).Any(m => m.PrivateReleases.Sum() > 1e-6)),
            ("recipe output", (i, r) => Paths(r).SelectMany(p => p.Producers)
                .Any(p => i.Producers.Single(q => q.Id == p.Producer).Inputs.Count > 0 && p.Output.Sum() > 1e-6)),
            ("top-up commitment", (i, r) => Economics.For(i).BolrContract == BolrContract.TopUp && r.Policy!.Commitments.Any(c => c.TonnesPerPeriod > 1e-6)),
            ("transfer", (_, r) => Paths(r).Any(p => p.Transfers.Any(e => e.Tonnes.Sum() > 1e-6))),
            ("shortage", (_, r) => Paths(r).Any(p => p.ShortageTonnes > 1e-6)),
            ("holdings drawn down", (i, r) => Paths(r).SelectMany(p => p.Materials)
                .Any(m => i.Holdings.Any(h => h.Country == m.Country && h.Material == m.Material && h.GovernmentTonnes > 0) && m.Releases.Sum() > 1e-6)),
            ("tariff revenue", (_, r) => r.Kpis!.ExpectedTariffRevenue.Any(a => a.Usd > 0)),
        ];
        var counts = families.Select(f => (f.Family, Count: solved.Count(e => f.Used(e.Instance, e.Result)))).ToList();
        Assert.True(counts.All(c => c.Count >= 2),
            string.Join("; ", counts.Select(c => $"{c.Family}: used in {c.Count} of {solved.Count} plans")));
    }

    private static IEnumerable<ScenarioPath> Paths(SolveResult result) => result.Scenarios;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, Lazy<(StockpileInstance, SolveResult)>> Solved = new();

    /// <summary>The v2 instance of a seed and its solve (to gap 1e-9), solved once for all the tests here.</summary>
    private static (StockpileInstance Instance, SolveResult Result) SolvedV2(int seed) =>
        Solved.GetOrAdd(seed, s => new Lazy<(StockpileInstance, SolveResult)>(() =>
        {
            var instance = V2Instance(s);
            return (instance, StockpileSolver.Solve(instance, new SolveOptions { RelativeGap = 1e-9 }));
        })).Value;

    /// <summary>The v2 instance of a seed: <see cref="GeneratorSpec.SmallV2"/>, INDEPENDENT for every third seed, refill 0.5 for every fourth.</summary>
    internal static StockpileInstance V2Instance(int seed)
    {
        var instance = InstanceGenerator.Generate(GeneratorSpec.SmallV2(seed));
        return instance with
        {
            Policy = instance.Policy with
            {
                Mode = seed % 3 == 0 ? CooperationMode.Independent : CooperationMode.Joint,
                RefillFraction = seed % 4 == 0 ? 0.5 : 0,
            },
        };
    }

    internal static void AssertAgrees(StockpileInstance instance, SolveResult result, string label = "")
    {
        var report = PlanChecker.Check(instance, result);
        Assert.True(report.Violations.Count == 0,
            $"{label}: {report.Violations.Count} violations:\n{string.Join("\n", report.Violations.Take(20))}");
        Assert.True(Math.Abs(report.Objective - result.Solver.Objective) <= 1e-6 * Math.Max(1, Math.Abs(report.Objective)),
            $"{label}: objective {result.Solver.Objective} reported, {report.Objective} recomputed");
        Assert.True(Math.Abs(report.ExpectedCost - result.Kpis!.ExpectedCostUsd) <= 1e-6 * Math.Max(1, Math.Abs(report.ExpectedCost)),
            $"{label}: E[L] {result.Kpis.ExpectedCostUsd} reported, {report.ExpectedCost} recomputed");
        Assert.True(Math.Abs(report.CvarCost - result.Kpis.CvarCostUsd) <= 1e-6 * Math.Max(1, Math.Abs(report.CvarCost)),
            $"{label}: CVaR {result.Kpis.CvarCostUsd} reported, {report.CvarCost} recomputed");
    }
}
