using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Tests.Mapping;

/// <summary>An instance and a result with every model v2 field set to a value that is not its default.</summary>
internal static class V2Samples
{
    /// <summary>Tiny, as version 2: a second country and an input material, recipes, holdings, trade, tariff events, every v2 option.</summary>
    public static StockpileInstance Instance()
    {
        var tiny = TestInstances.Tiny();
        return tiny with
        {
            FormatVersion = 2,
            Countries = [.. tiny.Countries, new Country { Id = "B", BudgetUsd = 5e5, StorageTonnes = 100 }],
            Materials = [.. tiny.Materials, new Material { Id = "ore", Group = "o", PriceUsdPerTonne = 2 }],
            Producers =
            [
                new Producer
                {
                    Id = "p", Country = "A", Material = "m", CapacityTonnesPerPeriod = 50, UnitCostUsdPerTonne = 8,
                    FloorPriceUsdPerTonne = 9, MaxCommitmentTonnesPerPeriod = 20, CommitmentFeeUsdPerTonnePeriod = 0.5,
                    SignedCommitmentTonnesPerPeriod = 12,
                    Inputs = [new RecipeInput { Material = "ore", TonnesPerTonne = 2.5 }],
                },
            ],
            Holdings = [new Holding { Country = "A", Material = "m", GovernmentTonnes = 40, PrivateTonnes = 15 }],
            Trade = [new TradeLink { From = "B", To = "A", Material = "m", TonnesPerPeriod = 30, Tariff = 0.25 }],
            Sharing = [new SharingLink { CountryA = "A", CountryB = "B", Material = "m", TonnesPerPeriod = 5, TariffExempt = false }],
            Scenarios =
            [
                tiny.Scenarios[0],
                tiny.Scenarios[1] with
                {
                    TariffEvents = [new TariffEvent { From = "B", To = "A", Materials = ["m"], Groups = ["g"], FromPeriod = 1, ToPeriod = 2, Tariff = 0.5 }],
                },
            ],
            Policy = new PolicyOptions
            {
                ReleaseRule = ReleaseRule.Market,
                ReleasePriceFraction = 0.8,
                TerminalValueFraction = 0.7,
                CostView = CostView.Fiscal,
                BolrContract = BolrContract.Purchase,
                TieBreaking = false,
                CoverageFloors =
                [
                    new CoverageFloor { Country = "A", Material = "m", Days = 60, Basis = CoverageBasis.All },
                    new CoverageFloor { Country = "B", Material = "m", Months = 1.5 },
                ],
            },
        };
    }

    /// <summary>A hand-built result with the v2 additions and a full explanation (NaN where a re-solve was infeasible).</summary>
    public static SolveResult Result() => new()
    {
        Solver = new SolverFacts { Termination = Termination.Optimal, Solver = "SCIP", Objective = 1234.5, BestBound = 1234.5, Gap = 0 },
        Fingerprint = "abc",
        Policy = new Policy
        {
            Stockpiles = [new StockpileTarget("A", "m", 60, 2.5) { ExistingTonnes = 40 }],
            Tiers = [new TierChoice("A", "m", "0", 0, 0)],
            Commitments = [new BolrCommitment("A", "p", 20)],
            Investments = [new InvestmentDecision("g", true, [new CountryAmount("A", 1e6)])],
        },
        Scenarios =
        [
            new ScenarioPath
            {
                Scenario = "halt", Probability = 1, CostUsd = 99,
                Materials = [new MaterialPath("A", "m", [90, 80], [10, 10], [0, 0], [0, 5]) { ReleaseAllowed = [true, false], ReleaseLimit = [double.PositiveInfinity, 12.5] }],
                Trade = [new TradePath("B", "A", "m", [30, 12.5], [0.25, 0.5])],
                FiscalCost = [new CountryAmount("A", 99)],
            },
        ],
        Kpis = new Kpis { ExpectedCostUsd = 99, ExpectedTariffRevenue = [new CountryAmount("A", 243.75)] },
        Explanation = new PlanExplanation
        {
            Stockpiles = [new StockpileWhy("A", "m", 60, 12.5, 20, 1.5, [new ReleaseWindow("halt", ["2026Q1", "2026Q2"], 20)])],
            Tiers =
            [
                new TierWhy("A", "m", "0", 0, 0, new TierStep("10", 150, 8, 42.5), null),
                new TierWhy("B", "m", "10", 150, 8, null, new TierStep("0", -150, -8, double.NaN)),
            ],
            Commitments = [new CommitmentWhy("A", "p", 20, 17.5, 20, [new CapacityKept("halt", ["2026Q2"], 20)])],
            Investments =
            [
                new BuildWhy("g", true, 2000, 765.5, "Optimal"),
                new BuildWhy("h", false, double.NaN, double.NaN, "Infeasible"),
            ],
            NeverShort = [new NeverShort("B", "m", "imports", "imports cover 100 % in halt")],
        },
    };
}
