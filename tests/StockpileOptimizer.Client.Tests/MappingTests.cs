using Google.Protobuf;
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
    public async Task An_instance_with_every_v2_field_reaches_the_server_unchanged()
    {
        // The server maps the proto back to domain records and fingerprints them: the same
        // fingerprint as the local instance means every v2 field crossed unchanged.
        await using var host = KestrelHost.Start();
        using var client = StockpileClient.Create(new StockpileClientOptions { Address = host.Address });
        var instance = V2Instance();
        Assert.Empty(InstanceValidator.Validate(instance));

        var validated = await client.ValidateAsync(DomainMapping.ToProto(instance));

        Assert.Equal(InstanceJson.Fingerprint(instance), validated.Fingerprint);
        Assert.NotEqual(InstanceJson.Fingerprint(instance with { Holdings = [] }), validated.Fingerprint);
    }

    [Fact]
    public void A_result_with_an_explanation_survives_the_wire()
    {
        var result = new SolveResult
        {
            Solver = new SolverFacts { Termination = Termination.Optimal, Solver = "SCIP", Objective = 10, BestBound = 10, Gap = 0 },
            Policy = new Policy { Stockpiles = [new StockpileTarget("A", "m", 60, 2) { ExistingTonnes = 40 }] },
            Scenarios =
            [
                new ScenarioPath
                {
                    Scenario = "halt", Probability = 1,
                    Materials = [new MaterialPath("A", "m", [90], [10], [0], [0]) { ReleaseAllowed = [true], ReleaseLimit = [double.PositiveInfinity] }],
                    Trade = [new TradePath("B", "A", "m", [30], [0.25])],
                },
            ],
            Kpis = new Kpis { ExpectedTariffRevenue = [new CountryAmount("A", 75)] },
            Explanation = new PlanExplanation
            {
                Stockpiles = [new StockpileWhy("A", "m", 60, 0, 10, 0, [new ReleaseWindow("halt", ["2026Q1"], 10)])],
                Tiers = [new TierWhy("A", "m", "0", 0, 0, new TierStep("10", 5, 3, double.NaN), null)],
                Commitments = [new CommitmentWhy("A", "p", 20, 17.5, 4, [new CapacityKept("halt", ["2026Q1"], 20)])],
                Investments = [new BuildWhy("g", false, 12, -2, "Optimal")],
                NeverShort = [new NeverShort("B", "m", "imports", "imports cover it")],
            },
        };

        var bytes = DomainMapping.ToProto(result).ToByteArray();
        var back = DomainMapping.ToDomain(Contracts.V1.SolveResult.Parser.ParseFrom(bytes));

        Assert.Equal(InstanceJson.WriteResult(result), InstanceJson.WriteResult(back));
        Assert.True(double.IsNaN(back.Explanation!.Tiers[0].Up!.ObjectiveChangeUsd));
    }

    /// <summary>
    /// One country A with demand for m, partner B that trades m to A at a 25 % duty (50 % in the
    /// halt), a producer in A drawing 2.5 t of ore per tonne, holdings, every v2 option set.
    /// </summary>
    private static StockpileInstance V2Instance() => new()
    {
        FormatVersion = 2,
        Name = "v2",
        Horizon = new Horizon { Periods = 2, Start = "2026Q1" },
        Countries = [new Country { Id = "A", BudgetUsd = 1e6, StorageTonnes = 1e6 }, new Country { Id = "B", BudgetUsd = 1e5, StorageTonnes = 100 }],
        Materials = [new Material { Id = "m", Group = "g", PriceUsdPerTonne = 10, AcquisitionUsdPerTonne = 10, HoldingUsdPerTonnePeriod = 2 }, new Material { Id = "ore", Group = "o", PriceUsdPerTonne = 2 }],
        Sectors = [new Sector { Id = "k", Defence = true }],
        Demands = [new Demand { Country = "A", Material = "m", Sector = "k", TonnesPerPeriod = [100, 100], DamageUsdPerTonne = 50 }],
        ImportSources = [new ImportSource { Id = "x" }],
        Imports = [new ImportLink { Country = "A", Material = "m", Source = "x", TonnesPerPeriod = 100 }],
        Producers =
        [
            new Producer
            {
                Id = "p", Country = "A", Material = "m", CapacityTonnesPerPeriod = 50, UnitCostUsdPerTonne = 8, FloorPriceUsdPerTonne = 9,
                MaxCommitmentTonnesPerPeriod = 20, CommitmentFeeUsdPerTonnePeriod = 0.5, SignedCommitmentTonnesPerPeriod = 5, Inputs = [new RecipeInput { Material = "ore", TonnesPerTonne = 2.5 }],
            },
        ],
        Tiers = [new TaxCreditTier { Id = "0", Rate = 0 }],
        Holdings = [new Holding { Country = "A", Material = "m", GovernmentTonnes = 40, PrivateTonnes = 15 }],
        Trade = [new TradeLink { From = "B", To = "A", Material = "m", TonnesPerPeriod = 30, Tariff = 0.25 }],
        Sharing = [new SharingLink { CountryA = "A", CountryB = "B", Material = "m", TonnesPerPeriod = 5, TariffExempt = false }],
        Scenarios =
        [
            new Scenario { Id = "calm", Probability = 0.5 },
            new Scenario
            {
                Id = "halt", Probability = 0.5,
                Events = [new SupplyEvent { Source = "x", Materials = ["m"], FromPeriod = 1, ToPeriod = 2, Availability = 0.4 }],
                TariffEvents = [new TariffEvent { From = "B", To = "A", Groups = ["g"], FromPeriod = 1, ToPeriod = 2, Tariff = 0.5 }],
            },
        ],
        Policy = new PolicyOptions
        {
            ReleaseRule = ReleaseRule.Market, ReleasePriceFraction = 0.8, TerminalValueFraction = 0.7, CostView = CostView.Fiscal,
            BolrContract = BolrContract.TopUp, TieBreaking = false,
            CoverageFloors = [new CoverageFloor { Country = "A", Material = "m", Days = 60, Basis = CoverageBasis.All }],
        },
    };

    [Fact]
    public void A_result_without_a_plan_maps_unset_numbers_to_nan()
    {
        var proto = new Contracts.V1.SolveResult
        {
            Solver = new Contracts.V1.SolverFacts { Termination = Contracts.V1.Termination.Infeasible, Solver = "SCIP" },
            Diagnosis = new Contracts.V1.InfeasibilityDiagnosis { Summary = "budget", ConflictingFamilies = { "budget" } },
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
