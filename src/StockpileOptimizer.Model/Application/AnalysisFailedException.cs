using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Application;

/// <summary>An analysis could not produce a result (e.g. no policy to evaluate); the job FAILS with this message.</summary>
/// <param name="termination">How the solve that should have given the result ended, when one did.</param>
public sealed class AnalysisFailedException(string message, Termination? termination = null) : Exception(message)
{
    public Termination? Termination { get; } = termination;
}
