namespace StockpileOptimizer.Model.Tests.Checking;

/// <summary>
/// What <see cref="PlanChecker"/> found. Money in USD, recomputed from the data, never copied
/// from the result. <see cref="ScenarioCosts"/> follows the order of the instance's scenarios;
/// <see cref="ExpectedCost"/> and <see cref="CvarCost"/> are E[L] and CVaR_α(L) of the joint
/// loss L[s] = Σ_c L[c,s] in both modes (the INDEPENDENT objective uses per-country CVaR).
/// <see cref="TieBreaking"/> is the penalty of docs/model.md (0 when off): in the objective,
/// not in any L[s].
/// </summary>
internal sealed record CheckReport(
    IReadOnlyList<string> Violations,
    double Objective,
    IReadOnlyList<double> ScenarioCosts,
    double ExpectedCost,
    double CvarCost,
    double TieBreaking);
