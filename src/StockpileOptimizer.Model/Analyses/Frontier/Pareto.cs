namespace StockpileOptimizer.Model.Analyses;

/// <summary>Non-dominated points when both coordinates are minimised.</summary>
internal static class Pareto
{
    /// <summary>
    /// True for each point no other point dominates — no other point is at least as good in
    /// both coordinates and better in one. Differences within <paramref name="relativeTolerance"/>
    /// × max(1, |value|) count as ties (solver noise), so equal points are all non-dominated.
    /// </summary>
    public static bool[] NonDominated(IReadOnlyList<(double X, double Y)> points, double relativeTolerance = 1e-7)
    {
        double Tol(double v) => relativeTolerance * Math.Max(1, Math.Abs(v));
        bool Dominates((double X, double Y) a, (double X, double Y) b) =>
            a.X <= b.X + Tol(b.X) && a.Y <= b.Y + Tol(b.Y) && (a.X < b.X - Tol(b.X) || a.Y < b.Y - Tol(b.Y));
        return points.Select(p => !points.Any(q => Dominates(q, p))).ToArray();
    }
}
