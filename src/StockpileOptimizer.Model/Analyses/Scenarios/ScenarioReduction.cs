using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>
/// Scenario reduction by fast forward selection (Heitsch and Römisch, "Scenario reduction
/// algorithms in stochastic programming", Comput. Optim. Appl. 24, 2003): greedily keep the
/// scenario that most lowers the Kantorovich distance to the full set, K times, then give each
/// dropped scenario's probability to its nearest kept one. Distances are Euclidean on the
/// features of <see cref="ScenarioDistanceWeights"/>, built from the instance.
/// Cost: O(n²·d) for the distances plus O(K·n²) for the selection; memory n² floats, so the
/// input is limited to <see cref="MaxScenarios"/> scenarios.
/// </summary>
public static class ScenarioReduction
{
    /// <summary>Largest input accepted (its distance matrix takes 4·n² bytes: 268 MB).</summary>
    public const int MaxScenarios = 8192;

    /// <summary>
    /// Keeps <paramref name="k"/> representatives of <paramref name="scenarios"/> (interpreted on
    /// <paramref name="instance"/>: its materials, groups, import links and horizon). Input
    /// probabilities are taken relative to their sum. With k ≥ n the input is returned unchanged.
    /// Ties are broken towards the lower index, so the result is deterministic.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was cancelled (checked per row of distances and per selection step).</exception>
    public static ScenarioReductionResult FastForward(
        IReadOnlyList<Scenario> scenarios, int k, StockpileInstance instance, ScenarioDistanceWeights? weights = null,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var n = scenarios.Count;
        if (n == 0)
        {
            throw new ArgumentException("no scenarios to reduce", nameof(scenarios));
        }
        if (k >= n)
        {
            return new ScenarioReductionResult
            {
                Scenarios = scenarios.ToArray(),
                Kept = Enumerable.Range(0, n).ToArray(),
                AssignedTo = Enumerable.Range(0, n).ToArray(),
                Distance = 0,
            };
        }
        if (n > MaxScenarios)
        {
            throw new ArgumentException($"at most {MaxScenarios} scenarios can be reduced (got {n})", nameof(scenarios));
        }
        weights ??= new ScenarioDistanceWeights();
        if (!(weights.Availability >= 0 && weights.Price >= 0 && weights.Demand >= 0)
            || !double.IsFinite(weights.Availability + weights.Price + weights.Demand))
        {
            throw new ArgumentException("distance weights must be finite and ≥ 0", nameof(weights));
        }
        var probabilities = Normalised(scenarios);
        var features = ScenarioFeatures.Build(instance, scenarios, weights);
        var (kept, assignedTo, distance) = Select(features, probabilities, k, cancel);

        var reduced = new double[n];
        for (var j = 0; j < n; j++)
        {
            reduced[assignedTo[j]] += probabilities[j];
        }
        var result = new Scenario[kept.Length];
        var sum = 0.0;
        for (var i = 0; i < kept.Length; i++)
        {
            var q = i == kept.Length - 1 ? 1 - sum : reduced[kept[i]];
            sum += q;
            result[i] = scenarios[kept[i]] with { Probability = q };
        }
        return new ScenarioReductionResult { Scenarios = result, Kept = kept, AssignedTo = assignedTo, Distance = distance };
    }

    private static double[] Normalised(IReadOnlyList<Scenario> scenarios)
    {
        var p = new double[scenarios.Count];
        var total = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = scenarios[i].Probability;
            if (!(p[i] >= 0 && double.IsFinite(p[i])))
            {
                throw new ArgumentException($"scenario '{scenarios[i].Id}': probability must be finite and ≥ 0 (got {p[i]})", nameof(scenarios));
            }
            total += p[i];
        }
        if (!(total > 0))
        {
            throw new ArgumentException("scenario probabilities sum to 0", nameof(scenarios));
        }
        for (var i = 0; i < p.Length; i++)
        {
            p[i] /= total;
        }
        return p;
    }

    /// <summary>
    /// Fast forward selection on feature vectors. Returns the kept indices (ascending), the kept
    /// index each scenario is assigned to, and the Kantorovich distance of the reduction.
    /// </summary>
    internal static (int[] Kept, int[] AssignedTo, double Distance) Select(double[][] x, double[] p, int k, CancellationToken cancel = default)
    {
        var n = x.Length;
        var c = Distances(x, cancel);
        var parallel = new ParallelOptions { CancellationToken = cancel };
        // nearest[j]: distance from j to the nearest selected scenario (∞ before the first step);
        // 0 once j itself is selected, so selected scenarios drop out of the sums by themselves.
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        var selected = new bool[n];
        var z = new double[n];
        for (var step = 0; step < Math.Min(k, n); step++)
        {
            cancel.ThrowIfCancellationRequested();
            // z[u] = Σ_j p_j · min(nearest_j, c_ju): the Kantorovich distance if u were added.
            Parallel.For(0, n, parallel, u =>
            {
                if (selected[u])
                {
                    return;
                }
                var row = (long)u * n;
                var sum = 0.0;
                for (var j = 0; j < n; j++)
                {
                    sum += p[j] * Math.Min(nearest[j], c[row + j]);
                }
                z[u] = sum;
            });
            var best = -1;
            for (var u = 0; u < n; u++)
            {
                if (!selected[u] && (best < 0 || z[u] < z[best]))
                {
                    best = u;
                }
            }
            selected[best] = true;
            var bestRow = (long)best * n;
            for (var j = 0; j < n; j++)
            {
                nearest[j] = Math.Min(nearest[j], c[bestRow + j]);
            }
            nearest[best] = 0;
        }

        var kept = Enumerable.Range(0, n).Where(u => selected[u]).ToArray();
        var assignedTo = new int[n];
        var distance = 0.0;
        for (var j = 0; j < n; j++)
        {
            if (selected[j])
            {
                assignedTo[j] = j;
                continue;
            }
            var to = kept[0];
            var row = (long)j * n;
            foreach (var u in kept)
            {
                if (c[row + u] < c[row + to])
                {
                    to = u;
                }
            }
            assignedTo[j] = to;
            distance += p[j] * c[row + to];
        }
        return (kept, assignedTo, distance);
    }

    /// <summary>Symmetric Euclidean distance matrix, row-major, in floats (half the memory of doubles).</summary>
    private static float[] Distances(double[][] x, CancellationToken cancel)
    {
        var n = x.Length;
        var c = new float[(long)n * n];
        cancel.ThrowIfCancellationRequested();
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancel }, i =>
        {
            var xi = x[i];
            for (var j = i + 1; j < n; j++)
            {
                var xj = x[j];
                var sum = 0.0;
                for (var d = 0; d < xi.Length; d++)
                {
                    var diff = xi[d] - xj[d];
                    sum += diff * diff;
                }
                var distance = (float)Math.Sqrt(sum);
                c[(long)i * n + j] = distance;
                c[(long)j * n + i] = distance;
            }
        });
        return c;
    }
}
