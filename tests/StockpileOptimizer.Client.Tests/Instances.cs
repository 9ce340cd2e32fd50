using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Server.V1;

namespace StockpileOptimizer.Client.Tests;

/// <summary>Instances built as a caller without the engine's domain records would: proto messages.</summary>
internal static class Instances
{
    /// <summary>
    /// The newsvendor: one country A, one material m, one sector k, demand 100 in one period,
    /// imports from x cover it; a halt (π = 0.5) leaves 40 % of imports, 60 t short. A tonne
    /// stocked costs 12 (acquisition 10 + holding 2); damage 30 > 12/0.5, so the optimum stocks
    /// x = 60 t for 720 USD (600 + 120) and nothing is short.
    /// </summary>
    public static StockpileInstance Newsvendor(double budgetUsd = 1e6)
    {
        var instance = new StockpileInstance
        {
            Name = "newsvendor",
            Horizon = new Horizon { Periods = 1 },
            Policy = new PolicyOptions(),
        };
        instance.Countries.Add(new Country { Id = "A", BudgetUsd = budgetUsd, StorageTonnes = 1e6 });
        instance.Materials.Add(new Material { Id = "m", Group = "g", PriceUsdPerTonne = 10, AcquisitionUsdPerTonne = 10, HoldingUsdPerTonnePeriod = 2 });
        instance.Sectors.Add(new Sector { Id = "k", Defence = true });
        instance.Demands.Add(new Demand { Country = "A", Material = "m", Sector = "k", TonnesPerPeriod = { 100 }, DamageUsdPerTonne = 30 });
        instance.ImportSources.Add(new ImportSource { Id = "x" });
        instance.Imports.Add(new ImportLink { Country = "A", Material = "m", Source = "x", TonnesPerPeriod = 100 });
        instance.Tiers.Add(new TaxCreditTier { Id = "0", Rate = 0 });
        instance.Scenarios.Add(new Scenario { Id = "calm", Probability = 0.5 });
        instance.Scenarios.Add(new Scenario
        {
            Id = "halt",
            Probability = 0.5,
            Events = { new SupplyEvent { Source = "x", Materials = { "m" }, FromPeriod = 1, ToPeriod = 1, Availability = 0.4 } },
        });
        return instance;
    }

    /// <summary>Runs for several seconds (the generator's larger instance): long enough to stop a host mid-solve.</summary>
    public static StockpileInstance Large() =>
        DomainMapping.ToProto(Domain.InstanceGenerator.Generate(new Domain.GeneratorSpec { Materials = 6, Periods = 12, Scenarios = 30 }));
}
