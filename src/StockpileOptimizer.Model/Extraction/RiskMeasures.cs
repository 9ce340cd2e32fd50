namespace StockpileOptimizer.Model;

public static class RiskMeasures
{
    /// <summary>
    /// CVaR_α of a discrete loss distribution: min over η of η + E[(X − η)+]/(1 − α), the
    /// Rockafellar–Uryasev form the model optimises. The minimum is attained at an outcome.
    /// </summary>
    public static double Cvar(IReadOnlyList<double> losses, IReadOnlyList<double> probabilities, double alpha)
    {
        if (losses.Count == 0)
        {
            return 0;
        }
        var best = double.PositiveInfinity;
        foreach (var eta in losses)
        {
            var tail = 0.0;
            for (var i = 0; i < losses.Count; i++)
            {
                tail += probabilities[i] * Math.Max(0, losses[i] - eta);
            }
            best = Math.Min(best, eta + tail / (1 - alpha));
        }
        return best;
    }
}
