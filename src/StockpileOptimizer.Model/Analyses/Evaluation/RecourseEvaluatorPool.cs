using System.Collections.Concurrent;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>
/// Recourse evaluators shared by the workers of one evaluation: a worker takes one (built on
/// first need), evaluates a sample and gives it back, so there are never more models than
/// solves at once, and each is re-solved warm sample after sample whichever thread runs it.
/// </summary>
internal sealed class RecourseEvaluatorPool(StockpileInstance instance, SolveOptions options, Scenario first) : IDisposable
{
    private readonly ConcurrentBag<RecourseEvaluator> idle = [];
    private readonly ConcurrentBag<RecourseEvaluator> all = [];

    public RecourseOutcome Evaluate(Scenario sample, CancellationToken cancel)
    {
        if (!idle.TryTake(out var evaluator))
        {
            evaluator = new RecourseEvaluator(instance, options, first);
            all.Add(evaluator);
        }
        try
        {
            return evaluator.Evaluate(sample, cancel);
        }
        finally
        {
            idle.Add(evaluator);
        }
    }

    public void Dispose()
    {
        foreach (var evaluator in all)
        {
            evaluator.Dispose();
        }
    }
}
