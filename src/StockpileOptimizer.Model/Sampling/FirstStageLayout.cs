using Google.OrTools.LinearSolver;
using StockpileOptimizer.Model.Builder;

namespace StockpileOptimizer.Model.Sampling;

/// <summary>
/// The first-stage columns of a model in one fixed order — x[c,m], the tier binaries y[c,m,l]
/// where a response curve is given, q[p], z[g], w[g,j], then η per CVaR group — with the
/// bounds they were built with. A master and every subproblem of one instance list the same
/// columns in the same order, so a point or a subgradient is a plain array.
/// </summary>
internal sealed class FirstStageLayout
{
    private readonly Variable[] columns;
    private readonly double[] lower;
    private readonly double[] upper;

    public FirstStageLayout(StockpileModel model)
    {
        var list = new List<Variable>();
        var integers = new HashSet<Variable>(ReferenceEqualityComparer.Instance);
        var d = model.Data;
        for (var c = 0; c < d.C; c++)
        {
            for (var m = 0; m < d.M; m++)
            {
                list.Add(model.X[c, m]);
            }
        }
        for (var c = 0; c < d.C; c++)
        {
            for (var m = 0; m < d.M; m++)
            {
                if (model.Y[c, m] is { } y)
                {
                    list.AddRange(y);
                    integers.UnionWith(y);
                }
            }
        }
        list.AddRange(model.Q);
        list.AddRange(model.Z);
        integers.UnionWith(model.Z);
        foreach (var shares in model.W)
        {
            list.AddRange(shares);
        }
        list.AddRange(model.Eta);
        columns = [.. list];
        Integer = columns.Select(integers.Contains).ToArray();
        lower = columns.Select(v => v.Lb()).ToArray();
        upper = columns.Select(v => v.Ub()).ToArray();
    }

    public int Count => columns.Length;

    /// <summary>Whether each column is integer (tier choices y and builds z).</summary>
    public IReadOnlyList<bool> Integer { get; }
    public IReadOnlyList<Variable> Columns => columns;

    /// <summary>Fixes every column at the point (clamped to its own bounds: a master's answer may stray by a tolerance).</summary>
    public void Fix(double[] point)
    {
        for (var j = 0; j < columns.Length; j++)
        {
            var value = Math.Clamp(point[j], lower[j], upper[j]);
            columns[j].SetBounds(value, value);
        }
    }

    /// <summary>Gives every column its own bounds back (the first stage free).</summary>
    public void Free()
    {
        for (var j = 0; j < columns.Length; j++)
        {
            columns[j].SetBounds(lower[j], upper[j]);
        }
    }

    /// <summary>The solver's values of the columns.</summary>
    public double[] Values() => columns.Select(v => v.SolutionValue()).ToArray();

    /// <summary>The reduced costs of the columns: at a fixed point, a subgradient of the optimal value.</summary>
    public double[] ReducedCosts() => columns.Select(v => v.ReducedCost()).ToArray();
}
