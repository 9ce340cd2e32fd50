using StockpileOptimizer.Domain;
using V1 = StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Contracts.Mapping;

public static partial class DomainMapping
{
    /// <summary>Domain → proto for the "why" of a plan. NaN objectives (a re-solve that is infeasible) are left unset.</summary>
    public static V1.PlanExplanation ToProto(PlanExplanation explanation)
    {
        var proto = new V1.PlanExplanation();
        foreach (var s in explanation.Stockpiles)
        {
            var why = new V1.StockpileWhy
            {
                Country = s.Country, Material = s.Material, Tonnes = s.Tonnes, MarginalValueUsdPerTonne = s.MarginalValueUsdPerTonne,
                ExpectedReleasedTonnes = s.ExpectedReleasedTonnes, ExpectedShortageTonnes = s.ExpectedShortageTonnes,
            };
            foreach (var r in s.Releases)
            {
                var window = new V1.ReleaseWindow { Scenario = r.Scenario, Tonnes = r.Tonnes };
                window.Periods.Add(r.Periods);
                why.Releases.Add(window);
            }
            proto.Stockpiles.Add(why);
        }
        proto.Tiers.Add(explanation.Tiers.Select(t => new V1.TierWhy
        {
            Country = t.Country, Material = t.Material, Tier = t.Tier, CostUsd = t.CostUsd, InducedTonnes = t.InducedTonnes,
            Up = t.Up is { } up ? ToProto(up) : null,
            Down = t.Down is { } down ? ToProto(down) : null,
        }));
        foreach (var c in explanation.Commitments)
        {
            var why = new V1.CommitmentWhy
            {
                Country = c.Country, Producer = c.Producer, TonnesPerPeriod = c.TonnesPerPeriod,
                ExpectedFloorPaymentsUsd = c.ExpectedFloorPaymentsUsd, ExpectedFeeUsd = c.ExpectedFeeUsd,
            };
            foreach (var k in c.CapacityKeptAlive)
            {
                var kept = new V1.CapacityKept { Scenario = k.Scenario, TonnesPerPeriod = k.TonnesPerPeriod };
                kept.Periods.Add(k.Periods);
                why.CapacityKeptAlive.Add(kept);
            }
            proto.Commitments.Add(why);
        }
        proto.Investments.Add(explanation.Investments.Select(b => new V1.BuildWhy
        {
            Investment = b.Investment, Build = b.Build, ObjectiveIfFlippedUsd = Finite(b.ObjectiveIfFlippedUsd),
            ValueUsd = Finite(b.ValueUsd), Termination = b.Termination,
        }));
        proto.NeverShort.Add(explanation.NeverShort.Select(n => new V1.NeverShort
        {
            Country = n.Country, Material = n.Material, Reason = n.Reason, Detail = n.Detail,
        }));
        return proto;
    }

    /// <summary>Proto → domain for the "why" of a plan; an unset objective is NaN, as the engine gives it.</summary>
    public static PlanExplanation ToDomain(V1.PlanExplanation proto) => new()
    {
        Stockpiles = [.. proto.Stockpiles.Select(s => new StockpileWhy(
            s.Country, s.Material, s.Tonnes, s.MarginalValueUsdPerTonne, s.ExpectedReleasedTonnes, s.ExpectedShortageTonnes,
            [.. s.Releases.Select(r => new ReleaseWindow(r.Scenario, [.. r.Periods], r.Tonnes))]))],
        Tiers = [.. proto.Tiers.Select(t => new TierWhy(
            t.Country, t.Material, t.Tier, t.CostUsd, t.InducedTonnes,
            t.Up is { } up ? ToDomain(up) : null, t.Down is { } down ? ToDomain(down) : null))],
        Commitments = [.. proto.Commitments.Select(c => new CommitmentWhy(
            c.Country, c.Producer, c.TonnesPerPeriod, c.ExpectedFloorPaymentsUsd, c.ExpectedFeeUsd,
            [.. c.CapacityKeptAlive.Select(k => new CapacityKept(k.Scenario, [.. k.Periods], k.TonnesPerPeriod))]))],
        Investments = [.. proto.Investments.Select(b => new BuildWhy(
            b.Investment, b.Build, b.ObjectiveIfFlippedUsd ?? double.NaN, b.ValueUsd ?? double.NaN, b.Termination))],
        NeverShort = [.. proto.NeverShort.Select(n => new NeverShort(n.Country, n.Material, n.Reason, n.Detail))],
    };

    private static V1.TierStep ToProto(TierStep step) => new()
    {
        Tier = step.Tier, ExtraCostUsd = step.ExtraCostUsd, ExtraInducedTonnes = step.ExtraInducedTonnes,
        ObjectiveChangeUsd = Finite(step.ObjectiveChangeUsd),
    };

    private static TierStep ToDomain(V1.TierStep step) =>
        new(step.Tier, step.ExtraCostUsd, step.ExtraInducedTonnes, step.ObjectiveChangeUsd ?? double.NaN);
}
