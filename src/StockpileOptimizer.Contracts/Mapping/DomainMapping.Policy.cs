using StockpileOptimizer.Domain;
using V1 = StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Contracts.Mapping;

public static partial class DomainMapping
{
    /// <summary>Domain → proto for a plan (a solve's or an analysis' policy, an evaluation's input).</summary>
    public static V1.Policy ToProto(Policy policy)
    {
        var proto = new V1.Policy();
        proto.Stockpiles.Add(policy.Stockpiles.Select(s => new V1.StockpileTarget
        {
            Country = s.Country, Material = s.Material, Tonnes = s.Tonnes, MonthsOfCover = s.MonthsOfCover, ExistingTonnes = s.ExistingTonnes,
        }));
        proto.Tiers.Add(policy.Tiers.Select(t => new V1.TierChoice
        {
            Country = t.Country, Material = t.Material, Tier = t.Tier, Rate = t.Rate, InducedTonnes = t.InducedTonnes,
        }));
        proto.Commitments.Add(policy.Commitments.Select(c => new V1.BolrCommitment
        {
            Country = c.Country, Producer = c.Producer, TonnesPerPeriod = c.TonnesPerPeriod,
        }));
        foreach (var decision in policy.Investments)
        {
            var investment = new V1.InvestmentDecision { Investment = decision.Investment, Build = decision.Build };
            investment.CostShares.Add(decision.CostShares.Select(ToProto));
            proto.Investments.Add(investment);
        }
        return proto;
    }

    /// <summary>Proto → domain for a plan.</summary>
    public static Policy ToDomain(V1.Policy policy) => new()
    {
        Stockpiles = policy.Stockpiles
            .Select(s => new StockpileTarget(s.Country, s.Material, s.Tonnes, s.MonthsOfCover) { ExistingTonnes = s.ExistingTonnes })
            .ToArray(),
        Tiers = policy.Tiers.Select(t => new TierChoice(t.Country, t.Material, t.Tier, t.Rate, t.InducedTonnes)).ToArray(),
        Commitments = policy.Commitments.Select(c => new BolrCommitment(c.Country, c.Producer, c.TonnesPerPeriod)).ToArray(),
        Investments = policy.Investments
            .Select(i => new InvestmentDecision(i.Investment, i.Build, i.CostShares.Select(ToDomain).ToArray()))
            .ToArray(),
    };

    private static V1.CountryAmount ToProto(CountryAmount amount) => new() { Country = amount.Country, Usd = amount.Usd };

    private static CountryAmount ToDomain(V1.CountryAmount amount) => new(amount.Country, amount.Usd);
}
