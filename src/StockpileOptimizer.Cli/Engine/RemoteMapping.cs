using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using V1 = StockpileOptimizer.Server.V1;

namespace StockpileOptimizer.Cli.Engine;

/// <summary>
/// The analyses' records (StockpileOptimizer.Model.Analyses) ↔ analyses.proto, for the remote
/// engine: the inverse of the server's AnalysisToProto / AnalysisFromProto. The domain's instance,
/// scenarios, policies and solve results are mapped by the shared DomainMapping
/// (StockpileOptimizer.Contracts); the analyses' records live in the Model assembly, which
/// Contracts and the client do not reference, so they are mapped here.
/// </summary>
internal static class RemoteMapping
{
    public static CooperationResult ToModel(V1.CooperationResult r) => new()
    {
        Countries = r.Countries.ToArray(),
        JointCostUsd = r.JointCostUsd,
        IndependentCostUsd = r.IndependentCostUsd,
        SavingUsd = r.SavingUsd,
        SavingByComponent = r.SavingByComponent.Select(Component).ToArray(),
        Shares = r.Shares.Select(s => new CountryShare(s.Country, s.StandAloneCostUsd, s.ShapleyUsd, s.CostAfterSplitUsd)).ToArray(),
        Coalitions = r.Coalitions.Select(c => new CoalitionOutcome
        {
            Members = c.Members.ToArray(),
            Termination = DomainMapping.ToDomain(c.Termination),
            CostUsd = c.CostUsd,
            ExpectedCostUsd = c.ExpectedCostUsd,
            ValueUsd = c.ValueUsd,
            Gap = c.Gap,
            WallSeconds = c.WallSeconds,
            ExpectedCostByComponent = c.ExpectedCostByComponent.Select(Component).ToArray(),
            Policy = c.Policy is { } policy ? DomainMapping.ToDomain(policy) : null,
            Message = c.Message,
        }).ToArray(),
        Exact = r.Exact,
        Cancelled = r.Cancelled,
        Message = r.Message,
    };

    public static FrontierResult ToModel(V1.FrontierResult r) => new()
    {
        Parameter = r.Parameter == V1.FrontierParameter.RiskWeight ? FrontierParameter.RiskWeight : FrontierParameter.BudgetScale,
        CostAxis = r.CostAxis,
        RiskAxis = r.RiskAxis,
        Points = r.Points.Select(p => new FrontierPoint
        {
            Value = p.Value,
            Termination = DomainMapping.ToDomain(p.Termination),
            ObjectiveUsd = p.ObjectiveUsd,
            ExpectedCostUsd = p.ExpectedCostUsd,
            ExpectedFiscalUsd = p.ExpectedFiscalUsd,
            ExpectedShortageTonnes = p.ExpectedShortageTonnes,
            CvarShortageTonnes = p.CvarShortageTonnes,
            CvarCostUsd = p.CvarCostUsd,
            Gap = p.Gap,
            Policy = p.Policy is { } policy ? DomainMapping.ToDomain(policy) : null,
            WallSeconds = p.WallSeconds,
            WarmStarted = p.WarmStarted,
            NonDominated = p.NonDominated,
            Message = p.Message,
        }).ToArray(),
        Cancelled = r.Cancelled,
        Message = r.Message,
    };

    public static EvaluationResult ToModel(V1.OutOfSampleResult r) => new()
    {
        Samples = r.Samples,
        Feasible = r.Feasible,
        Infeasible = r.Infeasible,
        Unsolved = r.Unsolved,
        InfeasibleProbability = r.InfeasibleProbability,
        Cost = r.Cost is { } cost ? Distribution(cost) : null,
        Shortage = r.Shortage is { } shortage ? Distribution(shortage) : null,
        DefenceShortage = r.DefenceShortage is { } defence ? Distribution(defence) : null,
        DefenceShortageProbability = r.DefenceShortageProbability,
        Rows = r.Rows.Select(row => new EvaluationRow
        {
            Index = row.Index,
            Scenario = row.Scenario,
            Weight = row.Weight,
            Termination = DomainMapping.ToDomain(row.Termination),
            CostUsd = row.CostUsd,
            ShortageTonnes = row.ShortageTonnes,
            DefenceShortageTonnes = row.DefenceShortageTonnes,
            Message = row.Message,
        }).ToArray(),
        Cancelled = r.Cancelled,
        Message = r.Message,
    };

    public static StochasticSolutionValue ToModel(V1.StochasticSolutionValue v) => new()
    {
        StochasticOptimumUsd = v.StochasticOptimumUsd,
        ExpectedValueOptimumUsd = v.ExpectedValueOptimumUsd,
        ExpectedResultOfEvSolutionUsd = v.ExpectedResultOfEvSolutionUsd,
        VssUsd = v.VssUsd,
        ExpectedValuePolicyInfeasible = v.ExpectedValuePolicyInfeasible,
        ExpectedValueScenario = v.ExpectedValueScenario is { } scenario ? DomainMapping.ToDomain(scenario) : new Scenario(),
        StochasticPolicy = v.StochasticPolicy is { } rp ? DomainMapping.ToDomain(rp) : null,
        ExpectedValuePolicy = v.ExpectedValuePolicy is { } ev ? DomainMapping.ToDomain(ev) : null,
        Exact = v.Exact,
        Cancelled = v.Cancelled,
        Message = v.Message,
    };

    public static PerfectInformationValue ToModel(V1.PerfectInformationValue v) => new()
    {
        StochasticOptimumUsd = v.StochasticOptimumUsd,
        WaitAndSeeUsd = v.WaitAndSeeUsd,
        EvpiUsd = v.EvpiUsd,
        Scenarios = v.Scenarios.Select(s => new ScenarioOptimum(
            s.Scenario, s.Probability, DomainMapping.ToDomain(s.Termination), s.CostUsd,
            s.Policy is { } policy ? DomainMapping.ToDomain(policy) : null)).ToArray(),
        Exact = v.Exact,
        Cancelled = v.Cancelled,
        Message = v.Message,
    };

    /// <summary>
    /// A distribution with every field set, so that the server's defaults never fill in for it.
    /// An empty list of halts is sent as one group that never halts (an empty list would mean
    /// "the default halts", see analyses.proto).
    /// </summary>
    public static V1.ScenarioDistribution ToProto(ScenarioDistribution d)
    {
        var proto = new V1.ScenarioDistribution
        {
            Supplier = d.Supplier,
            SupplierShock = new V1.SupplierShockDistribution { Rho = d.SupplierShock.Rho },
            PriceWar = new V1.PriceWarDistribution
            {
                Probability = d.PriceWar.Probability,
                Onset = Onset(d.PriceWar.Onset),
                Length = Count(d.PriceWar.Length),
                Depth = Beta(d.PriceWar.Depth),
            },
            DemandScale = Factor(d.DemandScale),
        };
        proto.SupplierShock.Groups.Add(d.SupplierShock.Groups);
        proto.PriceWar.Groups.Add(d.PriceWar.Groups);
        if (d.Halts.Count == 0)
        {
            proto.Halts.Add(new V1.GroupHaltDistribution { Group = "(none)", Probability = 0 });
        }
        proto.Halts.Add(d.Halts.Select(h => new V1.GroupHaltDistribution
        {
            Group = h.Group,
            Probability = h.Probability,
            Onset = Onset(h.Onset),
            Duration = Count(h.Duration),
            Availability = Beta(h.Availability),
            PriceMultiplier = Factor(h.PriceMultiplier),
        }));
        return proto;
    }

    private static V1.OnsetWindow Onset(OnsetWindow o) => new() { First = o.First, Last = o.Last };

    private static V1.PeriodCountDistribution Count(PeriodCountDistribution c) => new() { Min = c.Min, Mean = c.Mean, Shape = c.Shape };

    private static V1.BetaFraction Beta(BetaFraction b) => new() { Mean = b.Mean, Concentration = b.Concentration };

    private static V1.LogNormalFactor Factor(LogNormalFactor f) => new() { Median = f.Median, Sigma = f.Sigma, Shift = f.Shift };

    private static Distribution Distribution(V1.SampleDistribution d) => new()
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

    private static CostComponent Component(V1.CostComponent c) => new(c.Component, c.Usd);
}
