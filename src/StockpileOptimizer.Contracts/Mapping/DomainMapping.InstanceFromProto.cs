using System.Reflection;
using Google.Protobuf.Reflection;
using StockpileOptimizer.Domain;
using V1 = StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Contracts.Mapping;

/// <summary>
/// Proto → domain for the instance. The mapping itself never rejects anything the validator
/// can judge: it carries every value across, and reports only what the domain cannot hold
/// (an enum value this version does not know), as a <see cref="Violation"/> with the same
/// kind of path the validator gives. Unset wrapper fields take the domain's defaults.
/// </summary>
public static partial class DomainMapping
{
    /// <summary>Proto → domain for an instance, adding what the domain cannot hold to <paramref name="problems"/>.</summary>
    public static StockpileInstance ToDomain(V1.StockpileInstance proto, ICollection<Violation> problems)
    {
        var defaults = new StockpileInstance();
        return new StockpileInstance
        {
            // Unset (0) is a v1 request; any other number is carried across for the validator to judge.
            FormatVersion = proto.FormatVersion == 0 ? defaults.FormatVersion : proto.FormatVersion,
            Name = proto.Name,
            Horizon = proto.Horizon is { } h
                ? new Horizon { Periods = h.Periods, MonthsPerPeriod = h.MonthsPerPeriod ?? defaults.Horizon.MonthsPerPeriod, Start = h.Start }
                : new Horizon(),
            Countries = [.. proto.Countries.Select(c => new Country
            {
                Id = c.Id, Name = c.Name, BudgetUsd = c.BudgetUsd, StorageTonnes = c.StorageTonnes,
            })],
            Materials = [.. proto.Materials.Select(m => new Material
            {
                Id = m.Id, Name = m.Name, Group = m.Group, PriceUsdPerTonne = m.PriceUsdPerTonne,
                AcquisitionUsdPerTonne = m.AcquisitionUsdPerTonne, HoldingUsdPerTonnePeriod = m.HoldingUsdPerTonnePeriod,
            })],
            Sectors = [.. proto.Sectors.Select(s => new Sector { Id = s.Id, Name = s.Name, Defence = s.Defence })],
            Demands = [.. proto.Demands.Select(d => new Demand
            {
                Country = d.Country, Material = d.Material, Sector = d.Sector,
                TonnesPerPeriod = [.. d.TonnesPerPeriod], DamageUsdPerTonne = d.DamageUsdPerTonne,
            })],
            ImportSources = [.. proto.ImportSources.Select(s => new ImportSource { Id = s.Id, Name = s.Name })],
            Imports = [.. proto.Imports.Select(i => new ImportLink
            {
                Country = i.Country, Material = i.Material, Source = i.Source, TonnesPerPeriod = i.TonnesPerPeriod,
            })],
            Producers = [.. proto.Producers.Select(ToDomain)],
            Investments = [.. proto.Investments.Select(ToDomain)],
            Tiers = [.. proto.Tiers.Select(t => new TaxCreditTier { Id = t.Id, Rate = t.Rate })],
            PrivateStock = [.. proto.PrivateStock.Select(r => new PrivateStockResponse
            {
                Country = r.Country, Material = r.Material, TonnesByTier = [.. r.TonnesByTier],
            })],
            Sharing = [.. proto.Sharing.Select(l => new SharingLink
            {
                CountryA = l.CountryA, CountryB = l.CountryB, Material = l.Material, TonnesPerPeriod = l.TonnesPerPeriod,
                TariffExempt = l.TariffExempt ?? new SharingLink().TariffExempt,
            })],
            Trade = [.. proto.Trade.Select(l => new TradeLink
            {
                From = l.FromCountry, To = l.ToCountry, Material = l.Material, TonnesPerPeriod = l.TonnesPerPeriod, Tariff = l.Tariff,
            })],
            Holdings = [.. proto.Holdings.Select(h => new Holding
            {
                Country = h.Country, Material = h.Material, GovernmentTonnes = h.GovernmentTonnes, PrivateTonnes = h.PrivateTonnes,
            })],
            Scenarios = [.. proto.Scenarios.Select(ToDomain)],
            Policy = proto.Policy is { } policy ? ToDomain(policy, problems) : new PolicyOptions(),
        };
    }

    private static Producer ToDomain(V1.Producer p) => new()
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
        Inputs = [.. p.Inputs.Select(i => new RecipeInput { Material = i.Material, TonnesPerTonne = i.TonnesPerTonne })],
    };

    private static Investment ToDomain(V1.Investment g) => new()
    {
        Id = g.Id,
        Name = g.Name,
        Producer = g.Producer,
        AddedCapacityTonnesPerPeriod = g.AddedCapacityTonnesPerPeriod,
        LeadTimePeriods = g.LeadTimePeriods,
        CapexUsd = g.CapexUsd,
        Partners = [.. g.Partners.Select(s => new CostShare
        {
            Country = s.Country, MinShare = s.MinShare, MaxShare = s.MaxShare ?? new CostShare().MaxShare,
        })],
    };

    private static PolicyOptions ToDomain(V1.PolicyOptions p, ICollection<Violation> problems) => new()
    {
        Mode = Mode(p.Mode, problems),
        RiskWeight = p.RiskWeight,
        CvarAlpha = p.CvarAlpha ?? new PolicyOptions().CvarAlpha,
        RefillFraction = p.RefillFraction,
        CoverageFloors = [.. p.CoverageFloors.Select((f, i) => new CoverageFloor
        {
            Country = f.Country, Material = f.Material, Months = f.Months, Days = f.Days,
            Basis = Enum<V1.CoverageBasis, CoverageBasis>($"policy.coverageFloors[{i}].basis", f.Basis, problems) ?? CoverageBasis.Defence,
        })],
        ReleaseRule = Enum<V1.ReleaseRule, ReleaseRule>("policy.releaseRule", p.ReleaseRule, problems),
        ReleasePriceFraction = p.ReleasePriceFraction,
        TerminalValueFraction = p.TerminalValueFraction,
        CostView = Enum<V1.CostView, CostView>("policy.costView", p.CostView, problems),
        BolrContract = Enum<V1.BolrContract, BolrContract>("policy.bolrContract", p.BolrContract, problems),
        TieBreaking = p.TieBreaking,
    };

    /// <summary>
    /// A v2 option's proto enum (UNSPECIFIED = 0, then the domain's values in order from 1) as
    /// the domain's: UNSPECIFIED is null (the format version's default); a number this version
    /// does not know is reported.
    /// </summary>
    private static TDomain? Enum<TProto, TDomain>(string path, TProto value, ICollection<Violation> problems)
        where TProto : struct, Enum
        where TDomain : struct, Enum
    {
        var number = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        if (number == 0)
        {
            return null;
        }
        var domain = (TDomain)System.Enum.ToObject(typeof(TDomain), number - 1);
        if (!System.Enum.IsDefined(domain))
        {
            var names = System.Enum.GetNames<TProto>().Skip(1).Select(name =>
                typeof(TProto).GetField(name)?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? name);
            problems.Add(FieldProblems.UnknownEnum(path, number, string.Join(" or ", names)));
            return null;
        }
        return domain;
    }

    private static CooperationMode Mode(V1.CooperationMode mode, ICollection<Violation> problems)
    {
        switch (mode)
        {
            case V1.CooperationMode.Unspecified:
            case V1.CooperationMode.Joint:
                return CooperationMode.Joint;
            case V1.CooperationMode.Independent:
                return CooperationMode.Independent;
            default:
                problems.Add(FieldProblems.UnknownEnum("policy.mode", (int)mode, "COOPERATION_MODE_JOINT or COOPERATION_MODE_INDEPENDENT"));
                return CooperationMode.Joint;
        }
    }
}
