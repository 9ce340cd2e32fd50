namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>
    /// Moves a model built with <c>rebindable: true</c> to <paramref name="next"/>: the same
    /// instance with other scenarios (same count), as out-of-sample evaluation needs it. Only
    /// what MODEL.md lets a scenario change is touched — shortage bounds and balance right-hand
    /// sides (demand scale), release bounds (emergencies), import right-hand sides
    /// (availability), replenishment and BoLR resale costs in the fiscal rows (prices) and which
    /// survival rows bind (price wars) — so the solver keeps its basis (a warm start). The
    /// objective does not change: each scenario's probability must be the same as before.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model was not built rebindable.</exception>
    /// <exception cref="ArgumentException"><paramref name="next"/> differs in shape, money scale or probabilities.</exception>
    public void Rebind(ModelData next)
    {
        if (!rebindable || elastic is not null)
        {
            throw new InvalidOperationException("only a model built rebindable (and not elastic) can be rebound");
        }
        var same = next.C == d.C && next.M == d.M && next.K == d.K && next.P == d.P && next.G == d.G && next.S == d.S
            && next.L == d.L && next.H == d.H && next.Instance.Imports.Count == d.Instance.Imports.Count
            && next.Arcs.Count == d.Arcs.Count && next.Trade.Count == d.Trade.Count && next.MoneyScale == d.MoneyScale
            && next.NeedsConstant == d.NeedsConstant && next.Economics == d.Economics
            && next.Instance.Scenarios.Select(s => s.Probability).SequenceEqual(d.Instance.Scenarios.Select(s => s.Probability))
            && next.Instance.Policy.RiskWeight == d.Instance.Policy.RiskWeight;
        if (!same)
        {
            throw new ArgumentException("a model is rebound only to the same instance with other scenarios", nameof(next));
        }
        d = next;
        RebindVariables();
        RebindReleaseLimit();
        RebindBalance();
        RebindPriceWarSurvival();
        RebindImports();
        RebindBudget();
        if (d.EconomyView || d.Arcs.Count > 0 || d.Trade.Count > 0)
        {
            // Prices and duties move loss coefficients beyond the fiscal rows.
            RebindObjective();
            RebindCvar();
        }
    }
}
