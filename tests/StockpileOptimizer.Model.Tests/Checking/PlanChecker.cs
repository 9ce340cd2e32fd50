namespace StockpileOptimizer.Model.Tests.Checking;

using StockpileOptimizer.Domain;

/// <summary>
/// Re-checks a plan against docs/model.md from the data alone — written without looking at the
/// model builder, so that the two implementations of that page check each other. Every row
/// family is re-evaluated on the policy and on each scenario's path (missing entries are zero),
/// the costs F[c,s] and L[s] are recomputed, and so is the objective. The economics are those
/// of the instance's format version (Economics.For): v1 instances are checked as v1.
/// </summary>
internal static partial class PlanChecker
{
    /// <summary>
    /// A row is violated when it misses by more than tol·max(1, |rhs|, |terms|) — relative, so
    /// that money rows of 1e9 USD and tonnage rows of 10 t are judged alike.
    /// </summary>
    public static CheckReport Check(StockpileInstance instance, SolveResult result, double tol = 1e-6)
    {
        if (result.Policy is not { } policy)
        {
            return new CheckReport([$"result: no plan (termination {result.Solver.Termination})"], 0, [], 0, 0, 0);
        }
        var ctx = new CheckContext(instance, policy, tol);
        CheckStockpiles(ctx);
        CheckTiers(ctx);
        CheckCommitments(ctx);
        CheckInvestments(ctx);

        foreach (var path in result.Scenarios.Where(p => instance.Scenarios.All(s => s.Id != p.Scenario)))
        {
            ctx.Report(CheckContext.Row("scenario", path.Scenario), "not in the instance");
        }
        // losses[s][c] = L[c,s]; duties[s][c] the duty c levies in s.
        var losses = new List<double[]>();
        var duties = new List<double[]>();
        var moves = new List<double>();
        foreach (var scenario in instance.Scenarios)
        {
            var paths = result.Scenarios.Where(p => p.Scenario == scenario.Id).ToList();
            if (paths.Count != 1)
            {
                ctx.Report(CheckContext.Row("scenario", scenario.Id), $"{paths.Count} paths in the result, expected 1");
            }
            var view = new ScenarioView(ctx, scenario, paths.FirstOrDefault() ?? new ScenarioPath { Scenario = scenario.Id });
            CheckMaterials(ctx, view);
            CheckProducers(ctx, view);
            CheckFlows(ctx, view);
            CheckTrade(ctx, view);
            var (loss, duty) = CheckCosts(ctx, view);
            losses.Add(loss);
            duties.Add(duty);
            moves.Add(TieBreakingMoves(ctx, view));
        }
        CheckTariffRevenue(ctx, result.Kpis, duties);

        var pi = instance.Scenarios.Select(s => s.Probability).ToList();
        var total = losses.Select(l => l.Sum()).ToList();
        double lambda = instance.Policy.RiskWeight, alpha = instance.Policy.CvarAlpha;
        var penalty = Expected(moves, pi) + TieBreakingStock(ctx);
        var objective = penalty + (ctx.Joint
            ? RiskAdjusted(total, pi, lambda, alpha)
            : instance.Countries.Select((_, c) => RiskAdjusted([.. losses.Select(l => l[c])], pi, lambda, alpha)).Sum());
        ctx.Agree("objective", result.Solver.Objective, objective, total.Select(Math.Abs).DefaultIfEmpty().Max());

        return new CheckReport(ctx.Violations, objective, total, Expected(total, pi), Cvar(total, pi, alpha), penalty);
    }
}
