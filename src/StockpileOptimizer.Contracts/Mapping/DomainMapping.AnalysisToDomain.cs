using StockpileOptimizer.Domain;
using V1 = StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Contracts.Mapping;

// analyses.proto → the analyses' records (what a remote caller reads back); unset amounts stay null.
public static partial class DomainMapping
{
    public static CooperationResult ToDomain(V1.CooperationResult r) => new()
    {
        Countries = r.Countries.ToArray(),
        JointCostUsd = r.JointCostUsd,
        IndependentCostUsd = r.IndependentCostUsd,
        SavingUsd = r.SavingUsd,
        SavingByComponent = r.SavingByComponent.Select(ToDomain).ToArray(),
        Shares = r.Shares.Select(s => new CountryShare(s.Country, s.StandAloneCostUsd, s.ShapleyUsd, s.CostAfterSplitUsd)).ToArray(),
        Coalitions = r.Coalitions.Select(c => new CoalitionOutcome
        {
            Members = c.Members.ToArray(),
            Termination = ToDomain(c.Termination),
            CostUsd = c.CostUsd,
            ExpectedCostUsd = c.ExpectedCostUsd,
            ValueUsd = c.ValueUsd,
            Gap = c.Gap,
            WallSeconds = c.WallSeconds,
            ExpectedCostByComponent = c.ExpectedCostByComponent.Select(ToDomain).ToArray(),
            Policy = c.Policy is { } policy ? ToDomain(policy) : null,
            Message = c.Message,
        }).ToArray(),
        Exact = r.Exact,
        Cancelled = r.Cancelled,
        Message = r.Message,
    };

    public static FrontierResult ToDomain(V1.FrontierResult r) => new()
    {
        Parameter = ToDomain(r.Parameter) ?? FrontierParameter.BudgetScale,
        CostAxis = r.CostAxis,
        RiskAxis = r.RiskAxis,
        Points = r.Points.Select(p => new FrontierPoint
        {
            Value = p.Value,
            Termination = ToDomain(p.Termination),
            ObjectiveUsd = p.ObjectiveUsd,
            ExpectedCostUsd = p.ExpectedCostUsd,
            ExpectedFiscalUsd = p.ExpectedFiscalUsd,
            ExpectedShortageTonnes = p.ExpectedShortageTonnes,
            CvarShortageTonnes = p.CvarShortageTonnes,
            CvarCostUsd = p.CvarCostUsd,
            Gap = p.Gap,
            Policy = p.Policy is { } policy ? ToDomain(policy) : null,
            WallSeconds = p.WallSeconds,
            WarmStarted = p.WarmStarted,
            NonDominated = p.NonDominated,
            Message = p.Message,
        }).ToArray(),
        Cancelled = r.Cancelled,
        Message = r.Message,
    };

    public static EvaluationResult ToDomain(V1.OutOfSampleResult r) => new()
    {
        Samples = r.Samples,
        Feasible = r.Feasible,
        Infeasible = r.Infeasible,
        Unsolved = r.Unsolved,
        InfeasibleProbability = r.InfeasibleProbability,
        Cost = r.Cost is { } cost ? ToDomain(cost) : null,
        Shortage = r.Shortage is { } shortage ? ToDomain(shortage) : null,
        DefenceShortage = r.DefenceShortage is { } defence ? ToDomain(defence) : null,
        DefenceShortageProbability = r.DefenceShortageProbability,
        Rows = r.Rows.Select(row => new EvaluationRow
        {
            Index = row.Index,
            Scenario = row.Scenario,
            Weight = row.Weight,
            Termination = ToDomain(row.Termination),
            CostUsd = row.CostUsd,
            ShortageTonnes = row.ShortageTonnes,
            DefenceShortageTonnes = row.DefenceShortageTonnes,
            Message = row.Message,
        }).ToArray(),
        Cancelled = r.Cancelled,
        Message = r.Message,
    };

    public static StochasticSolutionValue ToDomain(V1.StochasticSolutionValue v) => new()
    {
        StochasticOptimumUsd = v.StochasticOptimumUsd,
        ExpectedValueOptimumUsd = v.ExpectedValueOptimumUsd,
        ExpectedResultOfEvSolutionUsd = v.ExpectedResultOfEvSolutionUsd,
        VssUsd = v.VssUsd,
        ExpectedValuePolicyInfeasible = v.ExpectedValuePolicyInfeasible,
        ExpectedValueScenario = v.ExpectedValueScenario is { } scenario ? ToDomain(scenario) : new Scenario(),
        StochasticPolicy = v.StochasticPolicy is { } rp ? ToDomain(rp) : null,
        ExpectedValuePolicy = v.ExpectedValuePolicy is { } ev ? ToDomain(ev) : null,
        Exact = v.Exact,
        Cancelled = v.Cancelled,
        Message = v.Message,
    };

    public static PerfectInformationValue ToDomain(V1.PerfectInformationValue v) => new()
    {
        StochasticOptimumUsd = v.StochasticOptimumUsd,
        WaitAndSeeUsd = v.WaitAndSeeUsd,
        EvpiUsd = v.EvpiUsd,
        Scenarios = v.Scenarios.Select(s => new ScenarioOptimum(
            s.Scenario, s.Probability, ToDomain(s.Termination), s.CostUsd,
            s.Policy is { } policy ? ToDomain(policy) : null)).ToArray(),
        Exact = v.Exact,
        Cancelled = v.Cancelled,
        Message = v.Message,
    };

    private static Distribution ToDomain(V1.SampleDistribution d) => new()
    {
        Mean = d.Mean,
        StandardDeviation = d.StandardDeviation,
        StandardError = d.StandardError,
        EffectiveSamples = d.EffectiveSamples,
        Interval = d.Interval is { } ci ? new ConfidenceInterval(ci.Level, ci.Lower, ci.Upper, ci.HalfWidth) : null,
        Quantiles = d.Quantiles.Select(q => new QuantileValue(q.Probability, q.Value)).ToArray(),
        Cvar = d.Cvar,
        CvarAlpha = d.CvarAlpha,
        Min = d.Min,
        Max = d.Max,
    };

    private static CostComponent ToDomain(V1.CostComponent c) => new(c.Component, c.Usd);

    /// <summary>An evaluation's outcome; the parts the result message lacks stay null.</summary>
    public static EvaluationAnalysisResult ToDomain(V1.EvaluationResult r) => new()
    {
        Policy = r.Policy is { } policy ? ToDomain(policy) : null,
        PolicySource = r.PolicySource,
        SamplesSource = r.SamplesSource,
        OutOfSample = r.OutOfSample is { } outOfSample ? ToDomain(outOfSample) : null,
        Vss = r.Vss is { } vss ? ToDomain(vss) : null,
        Evpi = r.Evpi is { } evpi ? ToDomain(evpi) : null,
        WasCancelled = r.Cancelled,
        Summary = r.Message,
    };
}
