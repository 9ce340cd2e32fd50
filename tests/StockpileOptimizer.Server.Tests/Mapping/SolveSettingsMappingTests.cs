using Google.Protobuf.WellKnownTypes;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;

namespace StockpileOptimizer.Server.Tests.Mapping;

/// <summary>Solve options cross the wire unchanged, and what a caller leaves unset is the engine's default.</summary>
public sealed class SolveSettingsMappingTests
{
    public static TheoryData<SolveSettings> Settings() =>
    [
        new SolveSettings(),
        new SolveSettings { Solver = MipSolver.Cbc, TimeLimit = TimeSpan.FromSeconds(12.5), RelativeGap = 0, Seed = -7 },
        new SolveSettings { Solver = MipSolver.Highs, RelativeGap = 0.05, Seed = int.MaxValue, ShadowPrices = false, DiagnoseInfeasibility = false, Explain = true },
    ];

    [Theory]
    [MemberData(nameof(Settings))]
    public void Settings_round_trip_through_the_wire_and_the_engine(SolveSettings settings)
    {
        var problems = new List<Violation>();

        var back = DomainMapping.ToDomain(DomainMapping.ToProto(settings), problems);

        Assert.Empty(problems);
        Assert.Equal(settings, back);
        Assert.Equal(settings, SolveOptions.From(settings).Settings());
    }

    [Fact]
    public void Unset_options_are_the_engines_defaults()
    {
        var problems = new List<Violation>();

        var absent = SolveOptions.From(DomainMapping.ToDomain((V1.SolveOptions?)null, problems));
        var empty = SolveOptions.From(DomainMapping.ToDomain(new V1.SolveOptions(), problems));

        Assert.Empty(problems);
        Assert.Equal(new SolveOptions(), absent);
        Assert.Equal(new SolveOptions(), empty);
    }

    [Fact]
    public void Bad_fields_are_named_in_order()
    {
        var problems = new List<Violation>();

        DomainMapping.ToDomain(
            new V1.SolveOptions { RelativeGap = double.NaN, TimeLimit = new Duration { Seconds = -1 }, Solver = (V1.MipSolver)42 }, problems);

        Assert.Equal(["options.relativeGap", "options.timeLimit", "options.solver"], problems.Select(p => p.Path));
    }
}
