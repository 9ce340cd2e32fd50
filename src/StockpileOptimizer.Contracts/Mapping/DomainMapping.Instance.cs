using StockpileOptimizer.Domain;
using V1 = StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Contracts.Mapping;

/// <summary>
/// The domain's records (StockpileOptimizer.Domain) ↔ the wire types (stockpile.v1), the one
/// copy that the server (GetDefaultScenario, results, analyses), the .NET client and the CLI's
/// remote engine share. Pure mapping: no validation here; proto → domain reports only what the
/// domain cannot hold (an unknown enum, a missing spec) with the request's field paths
/// (<see cref="FieldProblems"/>); the rules are the validator's and the application layer's.
/// </summary>
public static partial class DomainMapping
{
    /// <summary>
    /// Domain → proto for an instance. Fields with presence are always set, so that the server
    /// maps it back to the same instance and the same fingerprint. The v2 options left null
    /// (the format version's default) stay unset: UNSPECIFIED enums, absent wrappers. An enum
    /// value the domain does not define keeps its number (+1) so that the server reports it.
    /// </summary>
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
            Policy = ToProto(instance.Policy),
            FormatVersion = instance.FormatVersion,
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
        proto.Demands.Add(instance.Demands.Select(ToProto));
        proto.ImportSources.Add(instance.ImportSources.Select(s => new V1.ImportSource { Id = s.Id, Name = s.Name }));
        proto.Imports.Add(instance.Imports.Select(i => new V1.ImportLink
        {
            Country = i.Country, Material = i.Material, Source = i.Source, TonnesPerPeriod = i.TonnesPerPeriod,
        }));
        proto.Producers.Add(instance.Producers.Select(ToProto));
        proto.Investments.Add(instance.Investments.Select(ToProto));
        proto.Tiers.Add(instance.Tiers.Select(t => new V1.TaxCreditTier { Id = t.Id, Rate = t.Rate }));
        proto.PrivateStock.Add(instance.PrivateStock.Select(ToProto));
        proto.Sharing.Add(instance.Sharing.Select(l => new V1.SharingLink
        {
            CountryA = l.CountryA, CountryB = l.CountryB, Material = l.Material, TonnesPerPeriod = l.TonnesPerPeriod,
            TariffExempt = l.TariffExempt,
        }));
        proto.Scenarios.Add(instance.Scenarios.Select(ToProto));
        proto.Trade.Add(instance.Trade.Select(l => new V1.TradeLink
        {
            FromCountry = l.From, ToCountry = l.To, Material = l.Material, TonnesPerPeriod = l.TonnesPerPeriod, Tariff = l.Tariff,
        }));
        proto.Holdings.Add(instance.Holdings.Select(h => new V1.Holding
        {
            Country = h.Country, Material = h.Material, GovernmentTonnes = h.GovernmentTonnes, PrivateTonnes = h.PrivateTonnes,
        }));
        return proto;
    }

    private static V1.Demand ToProto(Demand d)
    {
        var proto = new V1.Demand
        {
            Country = d.Country, Material = d.Material, Sector = d.Sector, DamageUsdPerTonne = d.DamageUsdPerTonne,
        };
        proto.TonnesPerPeriod.Add(d.TonnesPerPeriod);
        return proto;
    }

    private static V1.Producer ToProto(Producer p)
    {
        var proto = new V1.Producer
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
            SignedCommitmentTonnesPerPeriod = p.SignedCommitmentTonnesPerPeriod,
        };
        proto.Inputs.Add(p.Inputs.Select(i => new V1.RecipeInput { Material = i.Material, TonnesPerTonne = i.TonnesPerTonne }));
        return proto;
    }

    private static V1.Investment ToProto(Investment g)
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

    private static V1.PrivateStockResponse ToProto(PrivateStockResponse r)
    {
        var proto = new V1.PrivateStockResponse { Country = r.Country, Material = r.Material };
        proto.TonnesByTier.Add(r.TonnesByTier);
        return proto;
    }

    private static V1.PolicyOptions ToProto(PolicyOptions p)
    {
        var proto = new V1.PolicyOptions
        {
            Mode = p.Mode == CooperationMode.Independent ? V1.CooperationMode.Independent : V1.CooperationMode.Joint,
            RiskWeight = p.RiskWeight,
            CvarAlpha = p.CvarAlpha,
            RefillFraction = p.RefillFraction,
            ReleaseRule = p.ReleaseRule switch
            {
                null => V1.ReleaseRule.Unspecified,
                ReleaseRule.Emergency => V1.ReleaseRule.Emergency,
                ReleaseRule.Shortage => V1.ReleaseRule.Shortage,
                ReleaseRule.Market => V1.ReleaseRule.Market,
                var other => (V1.ReleaseRule)((int)other + 1),
            },
            ReleasePriceFraction = p.ReleasePriceFraction,
            TerminalValueFraction = p.TerminalValueFraction,
            CostView = p.CostView switch
            {
                null => V1.CostView.Unspecified,
                CostView.Fiscal => V1.CostView.Fiscal,
                CostView.Economy => V1.CostView.Economy,
                var other => (V1.CostView)((int)other + 1),
            },
            BolrContract = p.BolrContract switch
            {
                null => V1.BolrContract.Unspecified,
                BolrContract.Purchase => V1.BolrContract.Purchase,
                BolrContract.TopUp => V1.BolrContract.TopUp,
                var other => (V1.BolrContract)((int)other + 1),
            },
            TieBreaking = p.TieBreaking,
        };
        proto.CoverageFloors.Add(p.CoverageFloors.Select(f => new V1.CoverageFloor
        {
            Country = f.Country, Material = f.Material, Months = f.Months, Days = f.Days,
            Basis = f.Basis == CoverageBasis.All ? V1.CoverageBasis.All : V1.CoverageBasis.Defence,
        }));
        return proto;
    }
}
