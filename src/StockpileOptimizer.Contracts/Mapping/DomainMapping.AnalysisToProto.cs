using StockpileOptimizer.Domain;
using V1 = StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Contracts.Mapping;

// Analysis results → proto (analyses.proto). Amounts the engine leaves null (no plan, a
// cancelled run) and numbers that are not finite stay unset; the rest is carried across as is.
public static partial class DomainMapping
{
    /// <summary>An analysis result into the result message (the field of its kind; none for null).</summary>
    public static void SetResult(V1.AnalysisResult proto, AnalysisResult? result)
    {
        switch (result)
        {
            case CooperationAnalysisResult c:
                proto.Cooperation = ToProto(c.Result);
                break;
            case FrontierAnalysisResult f:
                proto.Frontier = ToProto(f.Result);
                break;
            case EvaluationAnalysisResult e:
                proto.Evaluation = ToProto(e);
                break;
            case SaaAnalysisResult a:
                proto.Saa = ToProto(a.Result);
                break;
        }
    }

    public static V1.CooperationResult ToProto(CooperationResult r)
    {
        var proto = new V1.CooperationResult
        {
            JointCostUsd = Finite(r.JointCostUsd),
            IndependentCostUsd = Finite(r.IndependentCostUsd),
            SavingUsd = Finite(r.SavingUsd),
            Exact = r.Exact,
            Cancelled = r.Cancelled,
            Message = r.Message,
        };
        proto.Countries.Add(r.Countries);
        proto.SavingByComponent.Add(r.SavingByComponent.Select(ToProto));
        proto.Shares.Add(r.Shares.Select(s => new V1.CountryShare
        {
            Country = s.Country,
            StandAloneCostUsd = Finite(s.StandAloneCostUsd),
            ShapleyUsd = Finite(s.ShapleyUsd),
            CostAfterSplitUsd = Finite(s.CostAfterSplitUsd),
        }));
        proto.Coalitions.Add(r.Coalitions.Select(c =>
        {
            var coalition = new V1.CoalitionOutcome
            {
                Termination = ToProto(c.Termination),
                CostUsd = Finite(c.CostUsd),
                ExpectedCostUsd = Finite(c.ExpectedCostUsd),
                ValueUsd = Finite(c.ValueUsd),
                Gap = Finite(c.Gap),
                WallSeconds = c.WallSeconds,
                Policy = c.Policy is { } policy ? ToProto(policy) : null,
                Message = c.Message,
            };
            coalition.Members.Add(c.Members);
            coalition.ExpectedCostByComponent.Add(c.ExpectedCostByComponent.Select(ToProto));
            return coalition;
        }));
        return proto;
    }

    public static V1.FrontierResult ToProto(FrontierResult r)
    {
        var proto = new V1.FrontierResult
        {
            Parameter = ToProto(r.Parameter),
            CostAxis = r.CostAxis,
            RiskAxis = r.RiskAxis,
            Cancelled = r.Cancelled,
            Message = r.Message,
        };
        proto.Points.Add(r.Points.Select(p => new V1.FrontierPoint
        {
            Value = p.Value,
            Termination = ToProto(p.Termination),
            ObjectiveUsd = Finite(p.ObjectiveUsd),
            ExpectedCostUsd = Finite(p.ExpectedCostUsd),
            ExpectedFiscalUsd = Finite(p.ExpectedFiscalUsd),
            ExpectedShortageTonnes = Finite(p.ExpectedShortageTonnes),
            CvarShortageTonnes = Finite(p.CvarShortageTonnes),
            CvarCostUsd = Finite(p.CvarCostUsd),
            Gap = Finite(p.Gap),
            Policy = p.Policy is { } policy ? ToProto(policy) : null,
            WallSeconds = p.WallSeconds,
            WarmStarted = p.WarmStarted,
            NonDominated = p.NonDominated,
            Message = p.Message,
        }));
        return proto;
    }

    public static V1.EvaluationResult ToProto(EvaluationAnalysisResult r) => new()
    {
        Policy = r.Policy is { } policy ? ToProto(policy) : null,
        PolicySource = r.PolicySource,
        SamplesSource = r.SamplesSource,
        OutOfSample = r.OutOfSample is { } outOfSample ? ToProto(outOfSample) : null,
        Vss = r.Vss is { } vss ? ToProto(vss) : null,
        Evpi = r.Evpi is { } evpi ? ToProto(evpi) : null,
        Cancelled = r.Cancelled,
        Message = r.Message,
    };

    public static V1.OutOfSampleResult ToProto(EvaluationResult r)
    {
        var proto = new V1.OutOfSampleResult
        {
            Samples = r.Samples,
            Feasible = r.Feasible,
            Infeasible = r.Infeasible,
            Unsolved = r.Unsolved,
            InfeasibleProbability = r.InfeasibleProbability,
            Cost = r.Cost is { } cost ? ToProto(cost) : null,
            Shortage = r.Shortage is { } shortage ? ToProto(shortage) : null,
            DefenceShortage = r.DefenceShortage is { } defence ? ToProto(defence) : null,
            DefenceShortageProbability = Finite(r.DefenceShortageProbability),
            Cancelled = r.Cancelled,
            Message = r.Message,
        };
        proto.Rows.Add(r.Rows.Select(row => new V1.EvaluationRow
        {
            Index = row.Index,
            Scenario = row.Scenario,
            Weight = row.Weight,
            Termination = ToProto(row.Termination),
            CostUsd = Finite(row.CostUsd),
            ShortageTonnes = Finite(row.ShortageTonnes),
            DefenceShortageTonnes = Finite(row.DefenceShortageTonnes),
            Message = row.Message,
        }));
        return proto;
    }

    public static V1.StochasticSolutionValue ToProto(StochasticSolutionValue v) => new()
    {
        StochasticOptimumUsd = Finite(v.StochasticOptimumUsd),
        ExpectedValueOptimumUsd = Finite(v.ExpectedValueOptimumUsd),
        ExpectedResultOfEvSolutionUsd = Finite(v.ExpectedResultOfEvSolutionUsd),
        VssUsd = Finite(v.VssUsd),
        ExpectedValuePolicyInfeasible = v.ExpectedValuePolicyInfeasible,
        ExpectedValueScenario = ToProto(v.ExpectedValueScenario),
        StochasticPolicy = v.StochasticPolicy is { } rp ? ToProto(rp) : null,
        ExpectedValuePolicy = v.ExpectedValuePolicy is { } ev ? ToProto(ev) : null,
        Exact = v.Exact,
        Cancelled = v.Cancelled,
        Message = v.Message,
    };

    public static V1.PerfectInformationValue ToProto(PerfectInformationValue v)
    {
        var proto = new V1.PerfectInformationValue
        {
            StochasticOptimumUsd = Finite(v.StochasticOptimumUsd),
            WaitAndSeeUsd = Finite(v.WaitAndSeeUsd),
            EvpiUsd = Finite(v.EvpiUsd),
            Exact = v.Exact,
            Cancelled = v.Cancelled,
            Message = v.Message,
        };
        proto.Scenarios.Add(v.Scenarios.Select(s => new V1.ScenarioOptimum
        {
            Scenario = s.Scenario,
            Probability = s.Probability,
            Termination = ToProto(s.Termination),
            CostUsd = Finite(s.CostUsd),
            Policy = s.Policy is { } policy ? ToProto(policy) : null,
        }));
        return proto;
    }

    /// <summary>The scenarios of GenerateScenarios, with the reduction when there was one.</summary>
    public static V1.GenerateScenariosResponse ToProto(GeneratedScenarios generated)
    {
        var response = new V1.GenerateScenariosResponse();
        response.Scenarios.Add(generated.Scenarios.Select(ToProto));
        if (generated.Reduction is { } reduction)
        {
            var proto = new V1.ScenarioReduction { Sampled = generated.Sampled.Count, Distance = reduction.Distance };
            proto.Kept.Add(reduction.Kept);
            proto.AssignedTo.Add(reduction.AssignedTo);
            response.Reduction = proto;
        }
        return response;
    }

    private static V1.SampleDistribution ToProto(Distribution d)
    {
        var proto = new V1.SampleDistribution
        {
            Mean = d.Mean,
            StandardDeviation = d.StandardDeviation,
            StandardError = d.StandardError,
            EffectiveSamples = d.EffectiveSamples,
            Interval = d.Interval is { } ci
                ? new V1.ConfidenceInterval { Level = ci.Level, Lower = ci.Lower, Upper = ci.Upper, HalfWidth = ci.HalfWidth }
                : null,
            Cvar = d.Cvar,
            CvarAlpha = d.CvarAlpha,
            Min = d.Min,
            Max = d.Max,
        };
        proto.Quantiles.Add(d.Quantiles.Select(q => new V1.QuantileValue { Probability = q.Probability, Value = q.Value }));
        return proto;
    }

    private static V1.CostComponent ToProto(CostComponent c) => new() { Component = c.Component, Usd = c.Usd };

}
