namespace StockpileOptimizer.Model.Tests.Checking;

using StockpileOptimizer.Domain;

/// <summary>
/// One country (US), one material (ndpr), one defence sector, two quarters, two scenarios, and a
/// hand-built feasible plan whose costs are derived below. Made-up numbers chosen to be easy to add.
/// </summary>
internal static class TinyCase
{
    // Plan: x = 10 t (the coverage floor: 3 months · mean(10,10)/3 t/month = 10 t), tier t1
    // (rate 0.5, induces 4 t), q[mp] = 3 t/period, expansion built (lead 1: +2 t from period 2),
    // paid by the US alone (50). With ramp 1 from K_0 = 4: K = [4, 5] in both scenarios.
    //
    // calm (π 0.75, price 10): o = [4,5], imports v = [6,5] (avail 10), stock untouched I = [10,10].
    //   F = acquisition 12·10 + holding 1·(I_0 + I_1) = 20 + tax credit H·rate·holding·4 = 2·0.5·1·4 = 4
    //       + investment 50 = 120 + 20 + 4 + 50 = 194;  no shortage: L_calm = 194.
    // halt (π 0.25, every light-ree import from cn at 0 and price ×3 = 30 in both periods):
    //   t1: o−bS = 4−1, r = 3, ρ = 2, u = 2 → 3+3+2+2 = 10;  I_1 = 10 − 3 + bS 1 = 8
    //   t2: o−bS = 5−0 (bR = 2 resold), r = 4, ρ = 2, purchase a = 1 taken from the market
    //       → 5+4+2−1 = 10;   I_2 = 8 − 4 + a 1 = 5
    //   F = 120 + holding (10 + 8) + replenishment 30·1 + BoLR (9·bS 1 + max(0, 9−30)·bR 2 = 9)
    //       + 4 + 50 = 231;  damage 100·2 = 200;  L_halt = 431.
    // E[L] = 0.75·194 + 0.25·431 = 253.25.
    // CVaR_0.5: η = 194 gives 194 + 0.25·(431−194)/0.5 = 312.5; η = 431 gives 431 → 312.5.
    // Objective (λ = 1) = 253.25 + 312.5 = 565.75.
    public const double CalmCost = 194, HaltCost = 431, ExpectedCost = 253.25, Cvar = 312.5, Objective = 565.75;

    public static StockpileInstance Instance(CooperationMode mode = CooperationMode.Joint) => new()
    {
        Name = "tiny",
        Horizon = new Horizon { Periods = 2, MonthsPerPeriod = 3, Start = "2026Q1" },
        Countries = [new Country { Id = "US", BudgetUsd = 1000, StorageTonnes = 50 }],
        Materials =
        [
            new Material
            {
                Id = "ndpr", Group = "light-ree", PriceUsdPerTonne = 10, AcquisitionUsdPerTonne = 12, HoldingUsdPerTonnePeriod = 1,
            },
        ],
        Sectors = [new Sector { Id = "def", Defence = true }],
        Demands = [new Demand { Country = "US", Material = "ndpr", Sector = "def", TonnesPerPeriod = [10, 10], DamageUsdPerTonne = 100 }],
        ImportSources = [new ImportSource { Id = "cn" }],
        Imports = [new ImportLink { Country = "US", Material = "ndpr", Source = "cn", TonnesPerPeriod = 10 }],
        Producers =
        [
            new Producer
            {
                Id = "mp", Country = "US", Material = "ndpr", CapacityTonnesPerPeriod = 4, RampTonnesPerPeriod = 1,
                UnitCostUsdPerTonne = 8, FloorPriceUsdPerTonne = 9, MaxCommitmentTonnesPerPeriod = 3,
            },
        ],
        Investments = [new Investment { Id = "mp-expansion", Producer = "mp", AddedCapacityTonnesPerPeriod = 2, LeadTimePeriods = 1, CapexUsd = 50 }],
        Tiers = [new TaxCreditTier { Id = "t0", Rate = 0 }, new TaxCreditTier { Id = "t1", Rate = 0.5 }],
        PrivateStock = [new PrivateStockResponse { Country = "US", Material = "ndpr", TonnesByTier = [0, 4] }],
        Scenarios =
        [
            new Scenario { Id = "calm", Probability = 0.75 },
            new Scenario
            {
                Id = "halt", Probability = 0.25,
                Events = [new SupplyEvent { Source = "cn", Groups = ["light-ree"], FromPeriod = 1, ToPeriod = 2, Availability = 0, PriceMultiplier = 3 }],
            },
        ],
        Policy = new PolicyOptions
        {
            Mode = mode, RiskWeight = 1, CvarAlpha = 0.5,
            CoverageFloors = [new CoverageFloor { Country = "US", Material = "ndpr", Months = 3 }],
        },
    };

    public static SolveResult Result() => new()
    {
        Solver = new SolverFacts { Termination = Termination.Optimal, Objective = Objective },
        Policy = new Policy
        {
            Stockpiles = [new StockpileTarget("US", "ndpr", 10, 3)],
            Tiers = [new TierChoice("US", "ndpr", "t1", 0.5, 4)],
            Commitments = [new BolrCommitment("US", "mp", 3)],
            Investments = [new InvestmentDecision("mp-expansion", true, [new CountryAmount("US", 50)])],
        },
        Scenarios =
        [
            new ScenarioPath
            {
                Scenario = "calm", Probability = 0.75, CostUsd = CalmCost, ShortageTonnes = 0,
                Materials = [new MaterialPath("US", "ndpr", [10, 10], [0, 0], [0, 0], [0, 0])],
                Producers = [new ProducerPath("mp", [4, 5], [4, 5], [0, 0], [0, 0])],
                Imports = [new ImportPath("US", "ndpr", "cn", [6, 5])],
                FiscalCost = [new CountryAmount("US", 194)],
            },
            new ScenarioPath
            {
                Scenario = "halt", Probability = 0.25, CostUsd = HaltCost, ShortageTonnes = 2,
                Materials = [new MaterialPath("US", "ndpr", [8, 5], [3, 4], [0, 1], [2, 2])],
                Producers = [new ProducerPath("mp", [4, 5], [4, 5], [0, 2], [1, 0])],
                Imports = [new ImportPath("US", "ndpr", "cn", [0, 0])],
                Shortages = [new ShortagePath("US", "ndpr", "def", [2, 0])],
                FiscalCost = [new CountryAmount("US", 231)],
            },
        ],
    };

    /// <summary>The result with one scenario's path replaced.</summary>
    public static SolveResult WithPath(this SolveResult result, string scenario, Func<ScenarioPath, ScenarioPath> change) =>
        result with { Scenarios = [.. result.Scenarios.Select(p => p.Scenario == scenario ? change(p) : p)] };

    /// <summary>The path with its only material path replaced.</summary>
    public static ScenarioPath WithMaterial(this ScenarioPath path, Func<MaterialPath, MaterialPath> change) =>
        path with { Materials = [.. path.Materials.Select(change)] };

    public static SolveResult WithPolicy(this SolveResult result, Func<Policy, Policy> change) =>
        result with { Policy = change(result.Policy!) };

    /// <summary>
    /// Adds CA (no demand, no stock) and a US–CA ndpr sharing link of 2 t per period each way;
    /// the tiny plan stays feasible with CA doing nothing, and its cost does not change.
    /// </summary>
    public static StockpileInstance WithCanada(this StockpileInstance instance) => instance with
    {
        Countries = [.. instance.Countries, new Country { Id = "CA", BudgetUsd = 100, StorageTonnes = 0 }],
        Sharing = [new SharingLink { CountryA = "US", CountryB = "CA", Material = "ndpr", TonnesPerPeriod = 2 }],
    };
}
