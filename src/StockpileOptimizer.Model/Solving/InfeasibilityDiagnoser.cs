using Google.OrTools.LinearSolver;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;

namespace StockpileOptimizer.Model.Solving;

/// <summary>
/// Explains an infeasible instance by elastic re-solves: each relaxable family (budget,
/// coverage, refill, storage) alone with its total slack minimised, then all together with
/// slack priced in USD. Reports which families conflict and by how much each row must give.
/// </summary>
internal static class InfeasibilityDiagnoser
{
    private const double Noise = 1e-7;

    public static InfeasibilityDiagnosis Diagnose(ModelData data, SolveOptions options, CancellationToken cancel)
    {
        var alone = new List<FamilyRelaxation>();
        foreach (var family in Enum.GetValues<ElasticFamily>().TakeWhile(_ => !cancel.IsCancellationRequested))
        {
            var (feasible, rows) = Relax(data, options, new HashSet<ElasticFamily> { family }, priced: false, cancel);
            if (rows is null)
            {
                continue; // the family has no rows in this instance
            }
            var unit = rows.Count > 0 ? rows[0].Unit : UnitOf(family);
            alone.Add(new FamilyRelaxation(FamilyName(family), feasible, rows.Sum(r => r.Amount), unit, rows));
        }
        var (combinedFeasible, combined) = Relax(data, options, Enum.GetValues<ElasticFamily>().ToHashSet(), priced: true, cancel);
        combined ??= [];
        var conflicting = alone.Where(a => a.RestoresFeasibility).Select(a => a.Family)
            .Union(combined.Select(r => r.Family)).Order().ToArray();
        var summary = !combinedFeasible
            ? "infeasible even with budgets, coverage floors, refill and storage relaxed: the conflict lies in rows that cannot give"
            : "infeasible: " + string.Join("; ", alone.Where(a => a.RestoresFeasibility).Select(a =>
                $"relaxing {a.Family} alone by {a.TotalAmount:G6} {a.Unit} restores feasibility"))
              + (alone.Any(a => a.RestoresFeasibility) ? "" : "no single family restores feasibility alone; see the combined relaxation");
        return new InfeasibilityDiagnosis
        {
            Summary = summary,
            ConflictingFamilies = conflicting,
            Alone = alone,
            Combined = combined,
        };
    }

    /// <summary>Null rows: the family has no rows to relax.</summary>
    private static (bool Feasible, List<RowRelaxation>? Rows) Relax(
        ModelData data, SolveOptions options, IReadOnlySet<ElasticFamily> families, bool priced, CancellationToken cancel)
    {
        using var solver = SolverFactory.CreateMip(options.Solver);
        var model = StockpileModel.Build(data, solver, new ElasticOptions(families, priced));
        if (model.Slacks.Count == 0)
        {
            return (false, null);
        }
        var parameters = SolverFactory.Configure(solver, options.Solver, options);
        var status = SolverFactory.Solve(solver, cancel, parameters);
        if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
        {
            return (false, []);
        }
        var rows = model.Slacks
            .Select(slack => (slack, value: slack.Variable.SolutionValue()))
            .Where(x => x.value > Noise)
            .Select(x => new RowRelaxation(FamilyName(x.slack.Family), x.slack.Row,
                x.slack.Unit == "USD" ? x.value / data.MoneyScale : x.value, x.slack.Unit))
            .ToList();
        return (true, rows);
    }

    private static string UnitOf(ElasticFamily family) => family == ElasticFamily.Budget ? "USD" : "tonnes";

    public static string FamilyName(ElasticFamily family) => family.ToString().ToLowerInvariant();
}
