using Google.OrTools.LinearSolver;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>η per CVaR group (one for JOINT, one per country for INDEPENDENT); empty when λ = 0.</summary>
    public Variable[] Eta { get; private set; } = [];
    /// <summary>ν[group, s] ≥ 0.</summary>
    public Variable[,] Nu { get; private set; } = new Variable[0, 0];

    /// <summary>
    /// cvar[s] (JOINT) or cvar[c,s] (INDEPENDENT): ν ≥ L − η, ν ≥ 0. Built only when λ > 0;
    /// with λ = 0 the CVaR term is absent from the objective.
    /// </summary>
    private void AddCvar()
    {
        if (d.Instance.Policy.RiskWeight <= 0)
        {
            return;
        }
        var groups = CvarGroups();
        AddEta(groups);
        Nu = new Variable[groups.Length, d.S];
        cvarRows = new Constraint[groups.Length, d.S];
        for (var gi = 0; gi < groups.Length; gi++)
        {
            foreach (var s in d.Scenarios)
            {
                var index = groups[gi].Label is null ? [d.Id(s)] : new[] { groups[gi].Label!, d.Id(s) };
                Nu[gi, s] = NewVariable(0, double.PositiveInfinity, Name("excess", index));
                cvarRows[gi, s] = Row(0, double.PositiveInfinity, "cvar", index);
                SetCvarRow(gi, s, groups[gi].Countries);
            }
        }
    }

    /// <summary>η per CVaR group: first stage (the value at risk is chosen with the policy).</summary>
    private void AddEta((string? Label, CountryIndex[] Countries)[] groups) =>
        Eta = groups.Select(g => NewVariable(double.NegativeInfinity, double.PositiveInfinity,
            g.Label is null ? "var" : Name("var", g.Label))).ToArray();

    /// <summary>cvar rows, kept for <see cref="Rebind"/> (a scenario's prices move the economy view's loss terms).</summary>
    private Constraint[,] cvarRows = new Constraint[0, 0];

    /// <summary>ν + η − L ≥ 0, the loss of the group's countries summed term by term.</summary>
    private void SetCvarRow(int group, ScenarioIndex s, CountryIndex[] countries)
    {
        var row = cvarRows[group, s];
        row.SetCoefficient(Nu[group, s], 1);
        row.SetCoefficient(Eta[group], 1);
        var loss = new Dictionary<Variable, double>(ReferenceEqualityComparer.Instance);
        foreach (var c in countries)
        {
            AddLoss(loss, c, s, 1);
        }
        foreach (var (variable, coefficient) in loss)
        {
            row.SetCoefficient(variable, -coefficient);
        }
    }

    private void RebindCvar()
    {
        var groups = CvarGroups();
        for (var gi = 0; gi < Eta.Length; gi++)
        {
            foreach (var s in d.Scenarios)
            {
                SetCvarRow(gi, s, groups[gi].Countries);
            }
        }
    }

    /// <summary>Adds weight × L[c,s] (solver units) to <paramref name="into"/>, each variable's terms summed.</summary>
    private void AddLoss(Dictionary<Variable, double> into, CountryIndex c, ScenarioIndex s, double weight)
    {
        into[Fiscal[c, s]] = into.GetValueOrDefault(Fiscal[c, s]) + weight;
        foreach (var (variable, usd, _) in LossOnlyTerms(c, s))
        {
            into[variable] = into.GetValueOrDefault(variable) + weight * usd * MoneyScale;
        }
    }

    private (string? Label, CountryIndex[] Countries)[] CvarGroups() =>
        d.Mode == CooperationMode.Joint
            ? [(null, d.Countries.ToArray())]
            : d.Countries.Select(c => ((string?)d.Id(c), new[] { c })).ToArray();

    /// <summary>
    /// The terms of L[c,s] besides the outlay F[c,s], in USD per unit with their cost component:
    /// shortage damage; and in model v2 the terminal value of the stock left, and in the economy
    /// view the users' premium above the normal price (constant part on <see cref="One"/>) and
    /// the duty they pay on trade and non-exempt transfers into c. Every term is yielded whatever
    /// its value, so the set of variables does not depend on the scenario (<see cref="Rebind"/>).
    /// </summary>
    internal IEnumerable<(Variable Variable, double Usd, string Component)> LossOnlyTerms(CountryIndex c, ScenarioIndex s)
    {
        var terminal = d.Economics.TerminalValueFraction;
        foreach (var m in d.Materials)
        {
            foreach (var k in d.Sectors)
            {
                if (!d.HasDemand(c, m, k))
                {
                    continue;
                }
                foreach (var t in d.Periods)
                {
                    yield return (Shortage[c, m, k, t, s]!, d.Damage[c, m, k], CostComponents.ShortageDamage);
                }
            }
            if (terminal > 0)
            {
                yield return (Inventory[c, m, d.LastPeriod, s], -terminal * d.Instance.Materials[m].PriceUsdPerTonne, CostComponents.TerminalValue);
            }
            if (!d.EconomyView)
            {
                continue;
            }
            // Users pay δ = (P − P̄)⁺ above the normal price on every tonne they buy: demand less
            // shortage, released stock at (π_r·P − P̄)⁺ instead.
            var constant = 0.0;
            foreach (var t in d.Periods)
            {
                var premium = d.Premium(m, t, s);
                foreach (var k in d.Sectors)
                {
                    if (d.HasDemand(c, m, k))
                    {
                        constant += premium * d.Demand[c, m, k, t, s];
                        yield return (Shortage[c, m, k, t, s]!, -premium, CostComponents.UsersPremium);
                    }
                }
                yield return (Release[c, m, t, s], d.ReleasePremium(m, t, s) - premium, CostComponents.UsersPremium);
            }
            yield return (One!, constant, CostComponents.UsersPremium);
        }
        if (!d.EconomyView)
        {
            yield break;
        }
        for (var l = 0; l < d.Trade.Count; l++)
        {
            if (d.Trade[l].To != c)
            {
                continue;
            }
            foreach (var t in d.Periods)
            {
                yield return (TradeFlow[l, t, s], d.TradeTariff[l, t, s] * d.Price[d.Trade[l].Material, t, s], CostComponents.Duty);
            }
        }
        for (var a = 0; a < d.Arcs.Count; a++)
        {
            if (d.Arcs[a].To != c)
            {
                continue;
            }
            foreach (var t in d.Periods)
            {
                yield return (Transfer[a, t, s], d.ArcTariff[a, t, s] * d.Price[d.Arcs[a].Material, t, s], CostComponents.Duty);
            }
        }
    }
}
