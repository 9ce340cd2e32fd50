using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Server.Tests.Mapping;

public sealed class ResultMappingTests
{
    [Fact]
    public void A_solved_result_maps_every_part()
    {
        var result = StockpileSolver.Solve(TestInstances.Tiny());

        var proto = DomainMapping.ToProto(result);

        Assert.Equal(V1.Termination.Optimal, proto.Solver.Termination);
        Assert.Equal(result.Solver.Objective, proto.Solver.ObjectiveUsd);
        Assert.Equal(result.Solver.Gap, proto.Solver.Gap);
        Assert.Equal(result.Fingerprint, proto.Fingerprint);
        Assert.Equal(result.Policy!.Stockpiles.Single().Tonnes, proto.Policy.Stockpiles.Single().Tonnes);
        Assert.Equal(result.Scenarios.Count, proto.Scenarios.Count);
        var path = proto.Scenarios[1];
        Assert.Equal(result.Scenarios[1].Materials[0].Inventory, path.Materials[0].InventoryTonnes);
        Assert.Equal(result.Scenarios[1].Shortages[0].Tonnes, path.Shortages[0].Tonnes);
        Assert.Equal(result.Scenarios[1].Imports[0].Tonnes, path.Imports[0].Tonnes);
        Assert.Equal(result.Kpis!.ExpectedCostUsd, proto.Kpis.ExpectedCostUsd);
        Assert.Equal(result.Kpis.ExpectedCostByComponent.Count, proto.Kpis.ExpectedCostByComponent.Count);
        Assert.Equal(result.ShadowPrices!.Budgets.Count, proto.ShadowPrices.Budgets.Count);
        Assert.Null(proto.Diagnosis);
    }

    /// <summary>
    /// Storage of 10 t cannot hold a 12-month floor of 100 t/period defence demand (400 t), so
    /// the instance is infeasible: a result, with its diagnosis, not an error.
    /// </summary>
    [Fact]
    public void An_infeasible_result_has_no_plan_no_numbers_and_a_diagnosis()
    {
        var instance = TestInstances.Tiny() with
        {
            Countries = [new Country { Id = "A", BudgetUsd = 1e6, StorageTonnes = 10 }],
            Policy = new PolicyOptions { CoverageFloors = [new CoverageFloor { Country = "A", Material = "m", Months = 12 }] },
        };
        var result = StockpileSolver.Solve(instance);

        var proto = DomainMapping.ToProto(result);

        Assert.Equal(V1.Termination.Infeasible, proto.Solver.Termination);
        Assert.Null(proto.Solver.ObjectiveUsd);
        Assert.Null(proto.Solver.BestBoundUsd);
        Assert.Null(proto.Solver.Gap);
        Assert.Null(proto.Policy);
        Assert.Empty(proto.Scenarios);
        Assert.NotNull(proto.Diagnosis);
        Assert.Equal(result.Diagnosis!.ConflictingFamilies, proto.Diagnosis.ConflictingFamilies);
        Assert.Equal(result.Diagnosis.Alone.Count, proto.Diagnosis.Alone.Count);
    }

    [Fact]
    public void Every_termination_has_a_proto_value()
    {
        foreach (var termination in Enum.GetValues<Termination>())
        {
            Assert.NotEqual(V1.Termination.Unspecified, DomainMapping.ToProto(termination));
        }
    }
}
