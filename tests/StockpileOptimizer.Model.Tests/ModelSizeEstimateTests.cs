using Google.OrTools.LinearSolver;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;

namespace StockpileOptimizer.Model.Tests;

/// <summary>
/// The size estimate, counted from the instance's sets alone, against the model the builder
/// actually makes: the variables exactly; the rows exactly once the price-war survival rows and
/// (model v2) the release-limit rows the estimate counts everywhere, but the builder makes only
/// where the price is below the producer's cost or a release can happen, are taken off.
/// </summary>
public sealed class ModelSizeEstimateTests
{
    public static TheoryData<string, CooperationMode> Instances() => new()
    {
        { "newsvendor", CooperationMode.Joint },
        { "default", CooperationMode.Joint },
        { "default", CooperationMode.Independent },
        { "small 1", CooperationMode.Joint },
        { "small 2 with risk", CooperationMode.Independent },
        { "small 3 with risk, refill and floors", CooperationMode.Joint },
        { "generated 3c×5m×6t×7s", CooperationMode.Joint },
        { "generated 3c×5m×6t×7s", CooperationMode.Independent },
    };

    [Theory]
    [MemberData(nameof(Instances))]
    public void The_estimate_counts_the_built_model(string name, CooperationMode mode)
    {
        var instance = Instance(name);
        Assert.Empty(InstanceValidator.Validate(instance));
        var data = new ModelData(instance, mode);
        using var solver = Solver.CreateSolver("SCIP");
        StockpileModel.Build(data, solver);

        var estimate = ModelSizeEstimate.Of(instance, mode);

        var survivalNotBuilt = 0;
        foreach (var priceWar in data.PriceWar.Values)
        {
            survivalNotBuilt += priceWar ? 0 : 1;
        }
        // Under the shortage rule (model v2) release-limit rows are counted everywhere but built
        // only where a release can happen.
        var releaseLimitsNotBuilt = 0;
        if (data.Economics.ReleaseRule == ReleaseRule.Shortage)
        {
            foreach (var c in data.Countries)
            {
                foreach (var m in data.Materials)
                {
                    foreach (var t in data.Periods)
                    {
                        foreach (var s in data.Scenarios)
                        {
                            releaseLimitsNotBuilt += data.MayRelease(c, m, t, s) ? 0 : 1;
                        }
                    }
                }
            }
        }
        Assert.Equal(solver.NumVariables(), estimate.Variables);
        Assert.Equal(solver.NumConstraints(), estimate.Rows - survivalNotBuilt - releaseLimitsNotBuilt);
        // So the rows are an upper bound, at most (producers + countries × materials) × periods × scenarios over.
        Assert.InRange(estimate.Rows - solver.NumConstraints(), 0, (data.P + data.C * data.M) * data.H * data.S);
    }

    [Fact]
    public void Without_a_mode_the_estimate_counts_the_model_of_the_instances_own_mode()
    {
        // The default instance shares between the US and Canada; INDEPENDENT has no transfers,
        // so the two modes' models differ in size and the estimate must follow the policy's mode.
        var joint = InstanceJson.Default() with { Policy = InstanceJson.Default().Policy with { Mode = CooperationMode.Joint } };
        var independent = joint with { Policy = joint.Policy with { Mode = CooperationMode.Independent } };

        Assert.NotEqual(BuiltVariables(joint, CooperationMode.Joint), BuiltVariables(independent, CooperationMode.Independent));
        Assert.Equal(BuiltVariables(joint, CooperationMode.Joint), ModelSizeEstimate.Of(joint).Variables);
        Assert.Equal(BuiltVariables(independent, CooperationMode.Independent), ModelSizeEstimate.Of(independent).Variables);
    }

    private static long BuiltVariables(StockpileInstance instance, CooperationMode mode)
    {
        using var solver = Solver.CreateSolver("SCIP");
        StockpileModel.Build(new ModelData(instance, mode), solver);
        return solver.NumVariables();
    }

    [Fact]
    public void A_malformed_horizon_saturates_instead_of_overflowing()
    {
        var instance = InstanceGenerator.Generate(new GeneratorSpec()) with { Horizon = new Horizon { Periods = int.MaxValue } };
        var wide = instance with { Scenarios = [.. Enumerable.Repeat(instance.Scenarios[0], 1 << 20)] };

        var estimate = ModelSizeEstimate.Of(wide);

        Assert.True(estimate.Variables > 1e15, $"{estimate}");
        Assert.True(estimate.Rows > 1e15, $"{estimate}");
    }

    [Fact]
    public void An_empty_instance_is_an_empty_model()
    {
        Assert.Equal(new ModelSize(0, 0), ModelSizeEstimate.Of(new StockpileInstance()));
    }

    private static StockpileInstance Instance(string name) => name switch
    {
        "newsvendor" => HandInstances.Newsvendor(damage: 50, periods: 2),
        "default" => InstanceJson.Default(),
        "small 1" => Generated.Small(1),
        "small 2 with risk" => Generated.Small(2, riskWeight: 0.5),
        "small 3 with risk, refill and floors" => Generated.Small(3, riskWeight: 0.3).WithPolicy(p => p with
        {
            RefillFraction = 0.5,
            CoverageFloors = [new CoverageFloor { Country = "A", Material = "m1", Months = 1 }],
        }),
        "generated 3c×5m×6t×7s" => InstanceGenerator.Generate(new GeneratorSpec { Countries = 3, Materials = 5, Periods = 6, Scenarios = 7 }),
        _ => throw new ArgumentException(name, nameof(name)),
    };
}
