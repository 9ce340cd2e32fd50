using StockpileOptimizer.Domain;
using V1 = StockpileOptimizer.Server.V1;

namespace StockpileOptimizer.Client.Mapping;

/// <summary>
/// Domain → proto for an instance: what a .NET caller holding the engine's records sends.
/// Fields with presence are always set, so that the server maps it back to the same instance
/// and the same fingerprint (the server's own Mapping/InstanceToProto.cs does the same for
/// GetDefaultScenario; the client keeps its own copy so that it needs no server code).
/// </summary>
public static partial class DomainMapping
{
    public static V1.StockpileInstance ToProto(StockpileInstance instance)
    {
        var proto = new V1.StockpileInstance
        {
            Name = instance.Name,
            Horizon = new V1.Horizon
            {
                Periods = instance.Horizon.Periods,
                MonthsPerPeriod = instance.Horizon.MonthsPerPeriod,
                Start = instance.Horizon.Start,
            },
            Policy = InstancePolicy(instance.Policy),
        };
        proto.Countries.Add(instance.Countries.Select(c => new V1.Country
        {
            Id = c.Id, Name = c.Name, BudgetUsd = c.BudgetUsd, StorageTonnes = c.StorageTonnes,
        }));
        proto.Materials.Add(instance.Materials.Select(m => new V1.Material
        {
            Id = m.Id, Name = m.Name, Group = m.Group, PriceUsdPerTonne = m.PriceUsdPerTonne,
            AcquisitionUsdPerTonne = m.AcquisitionUsdPerTonne, HoldingUsdPerTonnePeriod = m.HoldingUsdPerTonnePeriod,
        }));
        proto.Sectors.Add(instance.Sectors.Select(s => new V1.Sector { Id = s.Id, Name = s.Name, Defence = s.Defence }));
        proto.Demands.Add(instance.Demands.Select(InstanceDemand));
        proto.ImportSources.Add(instance.ImportSources.Select(s => new V1.ImportSource { Id = s.Id, Name = s.Name }));
        proto.Imports.Add(instance.Imports.Select(i => new V1.ImportLink
        {
            Country = i.Country, Material = i.Material, Source = i.Source, TonnesPerPeriod = i.TonnesPerPeriod,
        }));
        proto.Producers.Add(instance.Producers.Select(InstanceProducer));
        proto.Investments.Add(instance.Investments.Select(InstanceInvestment));
        proto.Tiers.Add(instance.Tiers.Select(t => new V1.TaxCreditTier { Id = t.Id, Rate = t.Rate }));
        proto.PrivateStock.Add(instance.PrivateStock.Select(InstancePrivateStock));
        proto.Sharing.Add(instance.Sharing.Select(l => new V1.SharingLink
        {
            CountryA = l.CountryA, CountryB = l.CountryB, Material = l.Material, TonnesPerPeriod = l.TonnesPerPeriod,
        }));
        proto.Scenarios.Add(instance.Scenarios.Select(ToProto));
        return proto;
    }

    private static V1.Demand InstanceDemand(Demand d)
    {
        var proto = new V1.Demand
        {
            Country = d.Country, Material = d.Material, Sector = d.Sector, DamageUsdPerTonne = d.DamageUsdPerTonne,
        };
        proto.TonnesPerPeriod.Add(d.TonnesPerPeriod);
        return proto;
    }

    private static V1.Producer InstanceProducer(Producer p) => new()
    {
        Id = p.Id,
        Name = p.Name,
        Country = p.Country,
        Material = p.Material,
        CapacityTonnesPerPeriod = p.CapacityTonnesPerPeriod,
        RampTonnesPerPeriod = p.RampTonnesPerPeriod,
        UnitCostUsdPerTonne = p.UnitCostUsdPerTonne,
        FloorPriceUsdPerTonne = p.FloorPriceUsdPerTonne,
        MaxCommitmentTonnesPerPeriod = p.MaxCommitmentTonnesPerPeriod,
        CommitmentFeeUsdPerTonnePeriod = p.CommitmentFeeUsdPerTonnePeriod,
    };

    private static V1.Investment InstanceInvestment(Investment g)
    {
        var proto = new V1.Investment
        {
            Id = g.Id,
            Name = g.Name,
            Producer = g.Producer,
            AddedCapacityTonnesPerPeriod = g.AddedCapacityTonnesPerPeriod,
            LeadTimePeriods = g.LeadTimePeriods,
            CapexUsd = g.CapexUsd,
        };
        proto.Partners.Add(g.Partners.Select(s => new V1.CostShare { Country = s.Country, MinShare = s.MinShare, MaxShare = s.MaxShare }));
        return proto;
    }

    private static V1.PrivateStockResponse InstancePrivateStock(PrivateStockResponse r)
    {
        var proto = new V1.PrivateStockResponse { Country = r.Country, Material = r.Material };
        proto.TonnesByTier.Add(r.TonnesByTier);
        return proto;
    }

    /// <summary>One scenario (also what GenerateScenarios and evaluations take).</summary>
    public static V1.Scenario ToProto(Scenario s)
    {
        var proto = new V1.Scenario { Id = s.Id, Name = s.Name, Probability = s.Probability, DemandScale = s.DemandScale };
        foreach (var e in s.Events)
        {
            var ev = new V1.SupplyEvent
            {
                Kind = e.Kind,
                Source = e.Source,
                FromPeriod = e.FromPeriod,
                ToPeriod = e.ToPeriod,
                Availability = e.Availability,
                PriceMultiplier = e.PriceMultiplier,
            };
            ev.Materials.Add(e.Materials);
            ev.Groups.Add(e.Groups);
            proto.Events.Add(ev);
        }
        return proto;
    }

    private static V1.PolicyOptions InstancePolicy(PolicyOptions p)
    {
        var proto = new V1.PolicyOptions
        {
            Mode = p.Mode == CooperationMode.Independent ? V1.CooperationMode.Independent : V1.CooperationMode.Joint,
            RiskWeight = p.RiskWeight,
            CvarAlpha = p.CvarAlpha,
            RefillFraction = p.RefillFraction,
        };
        proto.CoverageFloors.Add(p.CoverageFloors.Select(f => new V1.CoverageFloor { Country = f.Country, Material = f.Material, Months = f.Months }));
        return proto;
    }
}
