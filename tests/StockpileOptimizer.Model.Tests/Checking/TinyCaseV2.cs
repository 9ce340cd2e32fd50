namespace StockpileOptimizer.Model.Tests.Checking;

using StockpileOptimizer.Domain;

/// <summary>
/// A format-2 case: US and CA, oxide (ox, price 10) and magnets (mag, price 50), two quarters,
/// calm and an oxide halt, and a hand-built feasible plan whose costs are derived below. The
/// US magnet plant fw draws 1.5 t of oxide per tonne; the US holds 5 t of oxide (and firms 1 t)
/// at t = 0; CA sells oxide to the US at 25 % duty, which the halt raises to 100 % in both
/// quarters and a later event resolves (0) in the second: the last event wins. Economics are
/// the v2 defaults (shortage rule, terminal value 0.9, economy view, top-up, tie-breaking)
/// but the release price fraction is 0.75. Made-up numbers chosen to be easy to add.
/// </summary>
internal static class TinyCaseV2
{
    // Plan: x[US,ox] = 1 (opening 6), x[US,mag] = 1, q[fw] = 2, no tiers to choose.
    // Release limit (shortage rule), need − guaranteed: US ox need = demand 4 + fw's draw at
    //   capacity 1.5·3 = 8.5, guaranteed = imports 10 (calm) → 0, 5 (halt) → 3.5. US mag: need 2,
    //   no imports and fw has inputs → 2 in both. CA ox: need 3, imports 5 → 0 (calm), 2.5 →
    //   0.5 (halt). CA mag: no need → 0.
    // calm (π 0.5): fw o = 2 draws 3 ox; US ox v = 7 → 7 − 3 = 4; CA ox v = 3; no stock moves.
    //   F_US = acquisition 11·1 + 55·1 = 66 + holding ox 1·(6+6) + mag 2·(1+1) = 16
    //          + top-up (H·fee + Σ_t (55 − 50)) · q = (2·0.5 + 10)·2 = 22 → 104.
    //   L_US = 104 − 0.9·(10·6 + 50·1) = 104 − 99 = 5 (no premium: δ = 0). L_CA = 0. L = 5.
    // halt (π 0.5): ox price 20, cn availability 0.5 (US 5 t, CA 2.5 t); τ[CA→US] = [1, 0].
    //   t1: US ox v 5 + r 0.5 + ρ 0.5 + f 1 − 3 = 4; I = 5.5. CA ox v 2.5 − f 1 + u 1.5 = 3.
    //   t2: US ox v 5 + r 2 − 3 = 4; I = 3.5. CA ox v 2.5 + u 0.5 = 3. Magnets as in calm.
    //   F_US = 66 + holding ox (6 + 5.5) + mag 4 = 15.5 + top-up 22 − 0.75·20·(0.5 + 2) = 37.5 → 66.
    //   L_US = 66 − 0.9·(10·3.5 + 50·1) = −76.5
    //          + premium δ = 10, δr = max(0, 15 − 10) = 5: t1 10·(4 − 0.5) + 5·0.5 = 37.5,
    //            t2 10·(4 − 2) + 5·2 = 30 → 67.5
    //          + duty 1·20·1 = 20 → 77.
    //   L_CA = damage 30·2 = 60 + premium 10·(3 − 1.5) + 10·(3 − 0.5) = 40 → 100.  L = 177.
    // E[L] = 0.5·5 + 0.5·177 = 91. Tie-breaking, ε = 1e-4·price (ox 1e-3, mag 5e-3):
    //   moves 0.5·(f 1 + r 2.5)·1e-3 = 1.75e-3, stock 1·1e-3 + 1·5e-3 = 6e-3 → 7.75e-3.
    // Objective (λ = 0) = 91.00775. Expected duty: US 0.5·20 = 10.
    public const double CalmCost = 5, HaltCost = 177, ExpectedCost = 91, TieBreaking = 0.00775, Objective = 91.00775;

    public static StockpileInstance Instance() => new()
    {
        FormatVersion = 2,
        Name = "tiny v2",
        Horizon = new Horizon { Periods = 2, MonthsPerPeriod = 3, Start = "2026Q1" },
        Countries = [new Country { Id = "US", BudgetUsd = 1000, StorageTonnes = 30 }, new Country { Id = "CA", BudgetUsd = 500, StorageTonnes = 10 }],
        Materials =
        [
            new Material { Id = "ox", Group = "ree", PriceUsdPerTonne = 10, AcquisitionUsdPerTonne = 11, HoldingUsdPerTonnePeriod = 1 },
            new Material { Id = "mag", Group = "magnet", PriceUsdPerTonne = 50, AcquisitionUsdPerTonne = 55, HoldingUsdPerTonnePeriod = 2 },
        ],
        Sectors = [new Sector { Id = "def", Defence = true }, new Sector { Id = "civ" }],
        Demands =
        [
            new Demand { Country = "US", Material = "mag", Sector = "def", TonnesPerPeriod = [2, 2], DamageUsdPerTonne = 500 },
            new Demand { Country = "US", Material = "ox", Sector = "civ", TonnesPerPeriod = [4, 4], DamageUsdPerTonne = 30 },
            new Demand { Country = "CA", Material = "ox", Sector = "civ", TonnesPerPeriod = [3, 3], DamageUsdPerTonne = 30 },
        ],
        ImportSources = [new ImportSource { Id = "cn" }],
        Imports =
        [
            new ImportLink { Country = "US", Material = "ox", Source = "cn", TonnesPerPeriod = 10 },
            new ImportLink { Country = "CA", Material = "ox", Source = "cn", TonnesPerPeriod = 5 },
        ],
        Producers =
        [
            new Producer
            {
                Id = "fw", Country = "US", Material = "mag", CapacityTonnesPerPeriod = 3, RampTonnesPerPeriod = 1,
                UnitCostUsdPerTonne = 40, FloorPriceUsdPerTonne = 55, MaxCommitmentTonnesPerPeriod = 2, CommitmentFeeUsdPerTonnePeriod = 0.5,
                Inputs = [new RecipeInput { Material = "ox", TonnesPerTonne = 1.5 }],
            },
        ],
        Tiers = [new TaxCreditTier { Id = "t0", Rate = 0 }],
        Holdings = [new Holding { Country = "US", Material = "ox", GovernmentTonnes = 5, PrivateTonnes = 1 }],
        Trade = [new TradeLink { From = "CA", To = "US", Material = "ox", TonnesPerPeriod = 2, Tariff = 0.25 }],
        Scenarios =
        [
            new Scenario { Id = "calm", Probability = 0.5 },
            new Scenario
            {
                Id = "halt", Probability = 0.5,
                Events = [new SupplyEvent { Source = "cn", Groups = ["ree"], FromPeriod = 1, ToPeriod = 2, Availability = 0.5, PriceMultiplier = 2 }],
                TariffEvents =
                [
                    new TariffEvent { From = "CA", To = "US", FromPeriod = 1, ToPeriod = 2, Tariff = 1 },
                    new TariffEvent { From = "CA", To = "US", Groups = ["ree"], FromPeriod = 2, ToPeriod = 2, Tariff = 0 },
                ],
            },
        ],
        Policy = new PolicyOptions
        {
            ReleasePriceFraction = 0.75,
            CoverageFloors =
            [
                // 45 days = 1.5 months of all ox demand (4/3 t a month): 2 t ≤ G0 + x = 6.
                new CoverageFloor { Country = "US", Material = "ox", Days = 45, Basis = CoverageBasis.All },
                // 1.5 months of defence magnet demand (2/3 t a month): 1 t ≤ 1, binding.
                new CoverageFloor { Country = "US", Material = "mag", Months = 1.5 },
            ],
        },
    };

    public static SolveResult Result() => new()
    {
        Solver = new SolverFacts { Termination = Termination.Optimal, Objective = Objective },
        Policy = new Policy
        {
            Stockpiles = [new StockpileTarget("US", "ox", 1, 4.5) { ExistingTonnes = 5 }, new StockpileTarget("US", "mag", 1, 1.5)],
            Commitments = [new BolrCommitment("US", "fw", 2)],
        },
        Kpis = new Kpis { ExpectedCostUsd = ExpectedCost, ExpectedTariffRevenue = [new CountryAmount("US", 10)] },
        Scenarios =
        [
            new ScenarioPath
            {
                Scenario = "calm", Probability = 0.5, CostUsd = CalmCost,
                Materials =
                [
                    new MaterialPath("US", "ox", [6, 6], [0, 0], [0, 0], [0, 0]) { ReleaseAllowed = [false, false], ReleaseLimit = [0, 0] },
                    new MaterialPath("US", "mag", [1, 1], [0, 0], [0, 0], [0, 0]) { ReleaseAllowed = [true, true], ReleaseLimit = [2, 2] },
                    new MaterialPath("CA", "ox", [0, 0], [0, 0], [0, 0], [0, 0]) { ReleaseAllowed = [false, false], ReleaseLimit = [0, 0] },
                    new MaterialPath("CA", "mag", [0, 0], [0, 0], [0, 0], [0, 0]) { ReleaseAllowed = [false, false], ReleaseLimit = [0, 0] },
                ],
                Producers = [new ProducerPath("fw", [3, 3], [2, 2], [0, 0], [0, 0])],
                Imports = [new ImportPath("US", "ox", "cn", [7, 7]), new ImportPath("CA", "ox", "cn", [3, 3])],
                Trade = [new TradePath("CA", "US", "ox", [0, 0], [0.25, 0.25])],
                FiscalCost = [new CountryAmount("US", 104), new CountryAmount("CA", 0)],
            },
            new ScenarioPath
            {
                Scenario = "halt", Probability = 0.5, CostUsd = HaltCost, ShortageTonnes = 2,
                Materials =
                [
                    new MaterialPath("US", "ox", [5.5, 3.5], [0.5, 2], [0, 0], [0.5, 0]) { ReleaseAllowed = [true, true], ReleaseLimit = [3.5, 3.5] },
                    new MaterialPath("US", "mag", [1, 1], [0, 0], [0, 0], [0, 0]) { ReleaseAllowed = [true, true], ReleaseLimit = [2, 2] },
                    new MaterialPath("CA", "ox", [0, 0], [0, 0], [0, 0], [0, 0]) { ReleaseAllowed = [true, true], ReleaseLimit = [0.5, 0.5] },
                    new MaterialPath("CA", "mag", [0, 0], [0, 0], [0, 0], [0, 0]) { ReleaseAllowed = [false, false], ReleaseLimit = [0, 0] },
                ],
                Producers = [new ProducerPath("fw", [3, 3], [2, 2], [0, 0], [0, 0])],
                Imports = [new ImportPath("US", "ox", "cn", [5, 5]), new ImportPath("CA", "ox", "cn", [2.5, 2.5])],
                Trade = [new TradePath("CA", "US", "ox", [1, 0], [1, 0])],
                Shortages = [new ShortagePath("CA", "ox", "civ", [1.5, 0.5])],
                FiscalCost = [new CountryAmount("US", 66), new CountryAmount("CA", 0)],
            },
        ],
    };

    /// <summary>The path with the material path of (country, material) replaced.</summary>
    public static ScenarioPath WithMaterial(this ScenarioPath path, string country, string material, Func<MaterialPath, MaterialPath> change) =>
        path with { Materials = [.. path.Materials.Select(m => m.Country == country && m.Material == material ? change(m) : m)] };
}
