namespace StockpileOptimizer.Domain;

/// <summary>What a frontier sweeps (docs/analyses.md).</summary>
public enum FrontierParameter
{
    /// <summary>Multiplies every country's budget (1 = the instance as given).</summary>
    BudgetScale,
    /// <summary>Sets the risk weight λ of the objective E[cost] + λ·CVaR_α(cost).</summary>
    RiskWeight,
}

/// <summary><paramref name="Steps"/> evenly spaced values from <paramref name="Start"/> to <paramref name="Stop"/>, both included.</summary>
public sealed record FrontierRange(double Start, double Stop, int Steps);
