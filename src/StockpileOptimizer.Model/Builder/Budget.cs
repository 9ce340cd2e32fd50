using Google.OrTools.LinearSolver;

namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    public Constraint[,] BudgetRows { get; private set; } = null!;
    /// <summary>fiscal[c,s], kept for <see cref="Rebind"/> (prices move its coefficients).</summary>
    private Constraint[,] fiscalRows = null!;

    /// <summary>
    /// fiscal[c,s] defines the outlay F[c,s] (acquisition, holding on opening stock,
    /// replenishment, BoLR net cost, tax credits, investment shares); budget[c,s]: F ≤ budget
    /// in every scenario, not just on average.
    /// </summary>
    private void AddBudget()
    {
        BudgetRows = new Constraint[d.C, d.S];
        fiscalRows = new Constraint[d.C, d.S];
        foreach (var c in d.Countries)
        {
            // One elastic slack per country shared by its scenarios: the smallest single budget
            // increase that restores feasibility (the largest over scenarios, not their sum).
            var slack = RelaxShared(ElasticFamily.Budget, 1 / MoneyScale, "USD", Name("budget", d.Id(c)));
            foreach (var s in d.Scenarios)
            {
                var fiscal = fiscalRows[c, s] = Row(0, 0, "fiscal", d.Id(c), d.Id(s));
                SetOutlay(fiscal, c, s);
                var budget = Row(double.NegativeInfinity, d.Instance.Countries[c].BudgetUsd * MoneyScale,
                    "budget", d.Id(c), d.Id(s));
                budget.SetCoefficient(Fiscal[c, s], 1);
                if (slack is not null)
                {
                    budget.SetCoefficient(slack, -1);
                }
                BudgetRows[c, s] = budget;
            }
        }
    }

    /// <summary>fiscal[c,s]: F − Σ outlay terms = 0, each variable's terms summed (x pays acquisition and holding).</summary>
    private void SetOutlay(Constraint fiscal, CountryIndex c, ScenarioIndex s)
    {
        var coefficients = new Dictionary<Variable, double>(ReferenceEqualityComparer.Instance) { [Fiscal[c, s]] = 1 };
        foreach (var (variable, usd, _) in OutlayTerms(c, s))
        {
            coefficients[variable] = coefficients.GetValueOrDefault(variable) - usd * MoneyScale;
        }
        foreach (var (variable, coefficient) in coefficients)
        {
            fiscal.SetCoefficient(variable, coefficient);
        }
    }

    /// <summary>The coefficients a scenario sets: replenishment and BoLR resale cost follow its prices.</summary>
    private void RebindBudget()
    {
        foreach (var c in d.Countries)
        {
            foreach (var s in d.Scenarios)
            {
                SetOutlay(fiscalRows[c, s], c, s);
            }
        }
    }

    /// <summary>
    /// The outlay of country c in scenario s as (variable, USD per unit, cost component) terms;
    /// constants ride on <see cref="One"/>. Every term is yielded whatever its value, so the
    /// set of variables does not depend on the scenario (<see cref="Rebind"/> relies on it).
    /// </summary>
    internal IEnumerable<(Variable Variable, double Usd, string Component)> OutlayTerms(CountryIndex c, ScenarioIndex s)
    {
        var revenue = d.Economics.ReleasePriceFraction;
        foreach (var m in d.Materials)
        {
            var material = d.Instance.Materials[m];
            yield return (X[c, m], material.AcquisitionUsdPerTonne, CostComponents.Acquisition);
            if (d.GovernmentHoldings[c, m] > 0)
            {
                // Holding in period 1 on the stock held at t = 0: a constant.
                yield return (One!, material.HoldingUsdPerTonnePeriod * d.GovernmentHoldings[c, m], CostComponents.Holding);
            }
            foreach (var t in d.Periods)
            {
                // Holding is paid on the stock opening each period: G0 + x in period 1, I_{t−1} after.
                yield return (t.IsFirst ? X[c, m] : Inventory[c, m, t.Previous, s], material.HoldingUsdPerTonnePeriod, CostComponents.Holding);
                yield return (Purchase[c, m, t, s], d.Price[m, t, s], CostComponents.Replenishment);
                if (revenue > 0)
                {
                    yield return (Release[c, m, t, s], -revenue * d.Price[m, t, s], CostComponents.ReleaseRevenue);
                }
            }
            if (Y[c, m] is { } tiers)
            {
                for (var l = 0; l < d.L; l++)
                {
                    yield return (tiers[l], TierCost(c, m, l), CostComponents.TaxCredit);
                }
            }
        }
        foreach (var p in d.Producers)
        {
            if (d.ProducerCountry[p] != c)
            {
                continue;
            }
            var floor = d.Instance.Producers[p].FloorPriceUsdPerTonne;
            yield return (Q[p], d.H * d.Instance.Producers[p].CommitmentFeeUsdPerTonnePeriod, CostComponents.Bolr);
            if (d.TopUpContracts)
            {
                // Take-or-pay: (floor − P)⁺ on the committed tonnes in every period, delivered or not.
                var topUps = 0.0;
                foreach (var t in d.Periods)
                {
                    topUps += d.TopUp(p, t, s);
                }
                yield return (Q[p], topUps, CostComponents.Bolr);
                continue;
            }
            foreach (var t in d.Periods)
            {
                yield return (BolrResold[p, t, s], Math.Max(0, floor - d.Price[d.ProducerMaterial[p], t, s]), CostComponents.Bolr);
                yield return (BolrStocked[p, t, s], floor, CostComponents.Bolr);
            }
        }
        foreach (var g in d.Investments)
        {
            for (var j = 0; j < d.Payers[g].Count; j++)
            {
                if (d.Payers[g][j].Country == c)
                {
                    yield return (W[g][j], 1 / MoneyScale, CostComponents.Investment);
                }
            }
        }
    }
}

/// <summary>Names of the cost components reported in the KPIs.</summary>
public static class CostComponents
{
    public const string Acquisition = "acquisition";
    public const string Holding = "holding";
    public const string Replenishment = "replenishment";
    public const string Bolr = "bolr";
    public const string TaxCredit = "tax-credit";
    public const string Investment = "investment";
    public const string ShortageDamage = "shortage-damage";
    /// <summary>Revenue from released stock (negative: it relieves the outlay).</summary>
    public const string ReleaseRevenue = "release-revenue";
    /// <summary>Value of the stock left at the horizon end (negative: it offsets the loss, not cash).</summary>
    public const string TerminalValue = "terminal-value";
    /// <summary>Economy view: users' outlay above the normal price.</summary>
    public const string UsersPremium = "users-premium";
    /// <summary>Economy view: duty users pay on trade and non-exempt transfers.</summary>
    public const string Duty = "duty";

    public static readonly IReadOnlyList<string> All =
        [Acquisition, Holding, Replenishment, Bolr, TaxCredit, Investment, ShortageDamage, ReleaseRevenue, TerminalValue, UsersPremium, Duty];
}
