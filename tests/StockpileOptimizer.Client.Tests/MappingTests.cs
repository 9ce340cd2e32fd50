using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Client.Tests;

/// <summary>The shared domain mapping (Contracts) as a client uses it agrees with the server: same instance, same fingerprint, same result.</summary>
[Collection(HostCollection.Name)]
public sealed class MappingTests
{
    [Fact]
    public async Task The_default_instance_sent_from_domain_records_has_the_local_fingerprint()
    {
        await using var host = KestrelHost.Start();
        using var client = StockpileClient.Create(new StockpileClientOptions { Address = host.Address });
        var instance = InstanceJson.Default();

        var validated = await client.ValidateAsync(DomainMapping.ToProto(instance));
        var served = await client.GetDefaultScenarioAsync();

        Assert.Equal(InstanceJson.Fingerprint(instance), validated.Fingerprint);
        Assert.Equal(served.Fingerprint, validated.Fingerprint);
        Assert.Equal(instance.Horizon.Periods, validated.Periods);
        Assert.Equal(instance.Scenarios.Count, validated.Scenarios);
    }

    [Fact]
    public void A_result_without_a_plan_maps_unset_numbers_to_nan()
    {
        var proto = new Server.V1.SolveResult
        {
            Solver = new Server.V1.SolverFacts { Termination = Server.V1.Termination.Infeasible, Solver = "SCIP" },
            Diagnosis = new Server.V1.InfeasibilityDiagnosis { Summary = "budget", ConflictingFamilies = { "budget" } },
        };

        var result = DomainMapping.ToDomain(proto);

        Assert.Equal(Termination.Infeasible, result.Solver.Termination);
        Assert.True(double.IsNaN(result.Solver.Objective));
        Assert.Null(result.Policy);
        Assert.Equal(["budget"], result.Diagnosis!.ConflictingFamilies);
    }

    [Fact]
    public void A_field_problem_is_the_validators_violation()
    {
        var problem = new FieldProblem("producers[2].capacityTonnesPerPeriod", "producers[2].capacityTonnesPerPeriod must be ≥ 0");

        Assert.Equal(new Violation(problem.Field, problem.Description), problem.ToViolation());
    }
}
