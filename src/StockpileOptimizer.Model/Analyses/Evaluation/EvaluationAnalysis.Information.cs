using System.Diagnostics;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Analyses;

// VSS and EVPI on the instance's own (in-sample) scenarios.
public static partial class EvaluationAnalysis
{
    /// <summary>
    /// VSS = EEV − RP: how much worse the plan of the expected-value problem does on the
    /// instance's scenarios than the stochastic plan. Three solves: RP and EV side by side, then
    /// the EV policy's recourse LP on the scenarios.
    /// </summary>
    /// <exception cref="InvalidInstanceException">The instance breaks a validation rule.</exception>
    public static StochasticSolutionValue ValueOfStochasticSolution(
        StockpileInstance instance, EvaluationOptions? options = null, CancellationToken cancel = default,
        IProgress<AnalysisProgress>? progress = null) =>
        ValueOfStochasticSolution(ValidatedInstance.Require(instance), options, cancel, progress);

    /// <summary>VSS of an instance already validated (the EV problem is a new instance, checked by its solve).</summary>
    public static StochasticSolutionValue ValueOfStochasticSolution(
        ValidatedInstance valid, EvaluationOptions? options = null, CancellationToken cancel = default,
        IProgress<AnalysisProgress>? progress = null)
    {
        var run = Batch.Start(valid, options, cancel, progress);
        var instance = valid.Instance;
        var evScenario = ExpectedValueProblem.Scenario(instance);
        var solved = run.Solve([("stochastic problem (RP)", instance), ("expected-value problem (EV)", Alone(instance, evScenario))], total: 3);
        var (rp, ev) = (solved[0], solved[1]);
        var eev = ParallelSolves.HasPlan(ev) && !cancel.IsCancellationRequested
            ? run.Solve([("EV policy on the scenarios (EEV)", instance)], doneBefore: 2, total: 3, fixedPolicy: ev.Policy)[0]
            : null;

        var evInfeasible = eev?.Solver.Termination == Termination.Infeasible;
        double? Objective(SolveResult? r) => ParallelSolves.HasPlan(r) ? r!.Solver.Objective : null;
        var vss = Objective(eev) - Objective(rp);
        var cancelled = cancel.IsCancellationRequested && !evInfeasible && vss is null;
        var message = cancelled ? "cancelled before VSS could be computed"
            : evInfeasible ? "the expected-value policy is infeasible in some scenario (it breaks a budget, refill, coverage or storage row there): EEV = +∞, so VSS is unbounded"
            : vss is { } v ? $"VSS = {v:N2} USD: planning for the average future instead of the distribution costs that much more"
            : "no plan for " + (ParallelSolves.HasPlan(rp) ? "the expected-value problem" : "the stochastic problem") + ", so VSS is undefined";
        return new StochasticSolutionValue
        {
            StochasticOptimumUsd = Objective(rp),
            ExpectedValueOptimumUsd = Objective(ev),
            ExpectedResultOfEvSolutionUsd = Objective(eev),
            VssUsd = vss,
            ExpectedValuePolicyInfeasible = evInfeasible,
            ExpectedValueScenario = evScenario,
            StochasticPolicy = rp?.Policy,
            ExpectedValuePolicy = ev?.Policy,
            Exact = new[] { rp, ev, eev }.All(r => r?.Solver.Termination == Termination.Optimal),
            Cancelled = cancelled,
            Message = message,
        };
    }

    /// <summary>
    /// EVPI = RP − WS: what knowing the future in advance would be worth. 1 + S solves side by
    /// side: the stochastic problem and each scenario alone.
    /// </summary>
    /// <exception cref="InvalidInstanceException">The instance breaks a validation rule.</exception>
    public static PerfectInformationValue ExpectedValueOfPerfectInformation(
        StockpileInstance instance, EvaluationOptions? options = null, CancellationToken cancel = default,
        IProgress<AnalysisProgress>? progress = null) =>
        ExpectedValueOfPerfectInformation(ValidatedInstance.Require(instance), options, cancel, progress);

    /// <summary>EVPI of an instance already validated (each scenario alone is a new instance, checked by its solve).</summary>
    public static PerfectInformationValue ExpectedValueOfPerfectInformation(
        ValidatedInstance valid, EvaluationOptions? options = null, CancellationToken cancel = default,
        IProgress<AnalysisProgress>? progress = null)
    {
        var run = Batch.Start(valid, options, cancel, progress);
        var instance = valid.Instance;
        var solved = run.Solve(instance.Scenarios.Select(s => ($"scenario {s.Id} alone", Alone(instance, s)))
            .Prepend(("stochastic problem (RP)", instance)).ToArray());
        var rp = solved[0];
        var perScenario = solved.Skip(1).ToArray();
        var optima = instance.Scenarios.Select((s, i) => new ScenarioOptimum(s.Id, s.Probability,
            perScenario[i]?.Solver.Termination ?? Termination.Cancelled,
            ParallelSolves.HasPlan(perScenario[i]) ? perScenario[i]!.Kpis!.ExpectedCostUsd : null, perScenario[i]?.Policy)).ToArray();
        var complete = ParallelSolves.HasPlan(rp) && perScenario.All(r => ParallelSolves.HasPlan(r));
        var waitAndSee = complete ? WaitAndSee(instance, perScenario.Select(r => r!.Scenarios[0]).ToArray()) : (double?)null;
        var evpi = complete ? rp!.Solver.Objective - waitAndSee : null;
        return new PerfectInformationValue
        {
            StochasticOptimumUsd = ParallelSolves.HasPlan(rp) ? rp!.Solver.Objective : null,
            WaitAndSeeUsd = waitAndSee,
            EvpiUsd = evpi,
            Scenarios = optima,
            Exact = solved.All(r => r?.Solver.Termination == Termination.Optimal),
            Cancelled = cancel.IsCancellationRequested && evpi is null,
            Message = cancel.IsCancellationRequested && evpi is null ? "cancelled before EVPI could be computed"
                : evpi is { } v ? $"EVPI = {v:N2} USD: the most it would be worth to know the future before committing to the policy"
                : "some problem has no plan (infeasible or no incumbent), so EVPI is undefined",
        };
    }

    /// <summary>
    /// ρ of the wait-and-see losses: Σπ z_s + λ·CVaR_α(z) (JOINT), or per country and summed
    /// (INDEPENDENT, where the objective has one CVaR per country).
    /// </summary>
    private static double WaitAndSee(StockpileInstance instance, IReadOnlyList<ScenarioPath> paths)
    {
        var policy = instance.Policy;
        var probabilities = instance.Scenarios.Select(s => s.Probability).ToArray();
        double Rho(IReadOnlyList<double> losses) =>
            losses.Select((z, s) => probabilities[s] * z).Sum()
            + (policy.RiskWeight > 0 ? policy.RiskWeight * RiskMeasures.Cvar(losses, probabilities, policy.CvarAlpha) : 0);
        if (policy.Mode == CooperationMode.Joint)
        {
            return Rho(paths.Select(p => p.CostUsd).ToArray());
        }
        var damage = instance.Demands.ToDictionary(d => (d.Country, d.Material, d.Sector), d => d.DamageUsdPerTonne);
        return instance.Countries.Sum(c => Rho(paths.Select(p =>
            p.FiscalCost.Where(f => f.Country == c.Id).Sum(f => f.Usd)
            + p.Shortages.Where(u => u.Country == c.Id).Sum(u => u.Tonnes.Sum() * damage[(u.Country, u.Material, u.Sector)])).ToArray()));
    }

    /// <summary>
    /// Labelled solves of one VSS or EVPI run, within its thread budget, counting progress across
    /// batches. The run's own instance is solved as the validated one it was given; the derived
    /// problems (EV, a scenario alone) are checked by their solves.
    /// </summary>
    private sealed record Batch(
        ValidatedInstance Valid, EvaluationOptions Options, SolveOptions SolveOptions, Stopwatch Clock, CancellationToken Cancel,
        IProgress<AnalysisProgress>? Progress)
    {
        public static Batch Start(ValidatedInstance valid, EvaluationOptions? options, CancellationToken cancel, IProgress<AnalysisProgress>? progress)
        {
            ArgumentNullException.ThrowIfNull(valid);
            options ??= new EvaluationOptions();
            return new Batch(valid, options, ParallelSolves.WithinBudget(options.Solve, options.MaxParallelism), Stopwatch.StartNew(), cancel, progress);
        }

        public SolveResult?[] Solve(
            (string Label, StockpileInstance Instance)[] problems, int doneBefore = 0, int? total = null, Policy? fixedPolicy = null)
        {
            var solve = SolveOptions with { FixedPolicy = fixedPolicy };
            return ParallelSolves.Run(problems, ParallelSolves.Concurrency(solve, Options.MaxParallelism, Options.Farm),
                p => Options.Farm is null && ReferenceEquals(p.Instance, Valid.Instance)
                    ? StockpileSolver.Solve(Valid, solve, Cancel)
                    : ParallelSolves.Solve(Options.Farm, p.Instance, solve, Cancel),
                (p, r) => (p.Label, ParallelSolves.Describe(r)),
                Clock, Cancel, Progress, doneBefore, total);
        }
    }
}
