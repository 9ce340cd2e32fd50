
namespace StockpileOptimizer.Domain;

/// <summary>
/// Value of the stochastic solution, all on the instance's own objective ρ = E[cost] + λ·CVaR
/// (docs/analyses.md): VSS = EEV − RP ≥ 0, where RP is the stochastic optimum and EEV is ρ of
/// the expected-value policy evaluated on the instance's scenarios. Null amounts: some solve
/// has no plan; an EV policy infeasible in some scenario has EEV = +∞ (reported as null with
/// <see cref="ExpectedValuePolicyInfeasible"/>).
/// </summary>
public sealed record StochasticSolutionValue
{
    /// <summary>RP: optimum of the stochastic problem, USD.</summary>
    public double? StochasticOptimumUsd { get; init; }
    /// <summary>EV: optimum of the expected-value problem (its one scenario's cost), USD.</summary>
    public double? ExpectedValueOptimumUsd { get; init; }
    /// <summary>EEV: the EV policy's objective on the instance's scenarios, USD.</summary>
    public double? ExpectedResultOfEvSolutionUsd { get; init; }
    public double? VssUsd { get; init; }
    public bool ExpectedValuePolicyInfeasible { get; init; }
    public Scenario ExpectedValueScenario { get; init; } = new();
    public Policy? StochasticPolicy { get; init; }
    public Policy? ExpectedValuePolicy { get; init; }
    /// <summary>Every solve optimal (MIPs within the relative gap).</summary>
    public bool Exact { get; init; }
    public bool Cancelled { get; init; }
    public string Message { get; init; } = "";
}

/// <summary>
/// Expected value of perfect information on the instance's own objective ρ (docs/analyses.md):
/// EVPI = RP − WS ≥ 0, with WS = ρ of the wait-and-see losses z_s (each scenario's optimum
/// when it is known in advance): Σπ_s z_s + λ·CVaR_α(z) in JOINT mode, the sum of the same
/// per country in INDEPENDENT mode.
/// </summary>
public sealed record PerfectInformationValue
{
    public double? StochasticOptimumUsd { get; init; }
    public double? WaitAndSeeUsd { get; init; }
    public double? EvpiUsd { get; init; }
    public IReadOnlyList<ScenarioOptimum> Scenarios { get; init; } = [];
    public bool Exact { get; init; }
    public bool Cancelled { get; init; }
    public string Message { get; init; } = "";
}

/// <summary>The optimum z_s of one scenario known in advance; null without a plan.</summary>
public sealed record ScenarioOptimum(string Scenario, double Probability, Termination Termination, double? CostUsd, Policy? Policy);
