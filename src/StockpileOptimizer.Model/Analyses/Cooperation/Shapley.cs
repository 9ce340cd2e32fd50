namespace StockpileOptimizer.Model.Analyses;

/// <summary>
/// The Shapley value of a cooperative game on n players given by its characteristic function
/// v over bitmasks (bit i = player i, v(∅) = 0):
/// φ_i = Σ_{S ⊆ N∖{i}} |S|!·(n − |S| − 1)!/n! · (v(S ∪ {i}) − v(S)).
/// Efficiency — Σ_i φ_i = v(N) — holds by construction (a telescoping sum over orders).
/// </summary>
internal static class Shapley
{
    /// <param name="value">v indexed by mask, length 2^n; value[0] is taken as 0.</param>
    public static double[] Values(int players, IReadOnlyList<double> value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(players);
        var masks = 1 << players;
        if (value.Count != masks)
        {
            throw new ArgumentException($"the characteristic function needs 2^{players} = {masks} values (got {value.Count})", nameof(value));
        }
        double V(int mask) => mask == 0 ? 0 : value[mask];
        var weight = Enumerable.Range(0, players).Select(size => Factorial(size) * Factorial(players - size - 1) / Factorial(players)).ToArray();
        var phi = new double[players];
        for (var i = 0; i < players; i++)
        {
            var bit = 1 << i;
            for (var mask = 0; mask < masks; mask++)
            {
                if ((mask & bit) == 0)
                {
                    phi[i] += weight[System.Numerics.BitOperations.PopCount((uint)mask)] * (V(mask | bit) - V(mask));
                }
            }
        }
        return phi;
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
}
