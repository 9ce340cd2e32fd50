using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>
/// Weights of the distance between two scenarios used by <see cref="ScenarioReduction"/>:
/// d(s, s')² = wA·Σ_{m,src,t} (A − A')² + wP·Σ_{m,t} (ln P − ln P')² + wD·M·H·(D − D')²,
/// where A[m,src,t] is the fraction of normal imports of material m from source src left in
/// period t (only sources the instance imports m from), P[m,t] the price multiplier and D the
/// demand scale (counted M·H times: it scales every demand in every period).
/// </summary>
public sealed record ScenarioDistanceWeights
{
    public double Availability { get; init; } = 1;
    public double Price { get; init; } = 1;
    public double Demand { get; init; } = 1;
}

/// <summary>Scenarios as numeric vectors (the features of <see cref="ScenarioDistanceWeights"/>), weights applied.</summary>
internal static class ScenarioFeatures
{
    public static double[][] Build(StockpileInstance instance, IReadOnlyList<Scenario> scenarios, ScenarioDistanceWeights weights)
    {
        var periods = instance.Horizon.Periods;
        var materials = instance.Materials;
        var materialIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupMaterials = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var m = 0; m < materials.Count; m++)
        {
            materialIndex[materials[m].Id] = m;
            if (!groupMaterials.TryGetValue(materials[m].Group, out var list))
            {
                groupMaterials[materials[m].Group] = list = [];
            }
            list.Add(m);
        }
        // Sources each material is imported from, in the order of the instance's sources.
        var sourceOrder = instance.ImportSources.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var sources = new string[materials.Count][];
        for (var m = 0; m < materials.Count; m++)
        {
            var id = materials[m].Id;
            sources[m] = instance.Imports.Where(i => i.Material == id).Select(i => i.Source).Distinct(StringComparer.Ordinal)
                .OrderBy(s => sourceOrder.GetValueOrDefault(s, int.MaxValue)).ThenBy(s => s, StringComparer.Ordinal).ToArray();
        }
        // Layout: per material, per source, per period availability; then per material, per period ln price; then demand.
        var availabilityOffset = new int[materials.Count];
        var offset = 0;
        for (var m = 0; m < materials.Count; m++)
        {
            availabilityOffset[m] = offset;
            offset += sources[m].Length * periods;
        }
        var priceOffset = offset;
        var length = offset + materials.Count * periods + 1;
        var wA = Math.Sqrt(weights.Availability);
        var wP = Math.Sqrt(weights.Price);
        var wD = Math.Sqrt(weights.Demand * materials.Count * periods);

        var features = new double[scenarios.Count][];
        var covered = new List<int>();
        for (var s = 0; s < scenarios.Count; s++)
        {
            var availability = new double[priceOffset];
            Array.Fill(availability, 1.0);
            var lnPrice = new double[materials.Count * periods];
            var scenario = scenarios[s];
            foreach (var e in scenario.Events)
            {
                covered.Clear();
                foreach (var id in e.Materials)
                {
                    covered.Add(materialIndex.TryGetValue(id, out var m)
                        ? m
                        : throw new ArgumentException($"scenario '{scenario.Id}': unknown material '{id}'", nameof(scenarios)));
                }
                foreach (var g in e.Groups)
                {
                    covered.AddRange(groupMaterials.TryGetValue(g, out var list)
                        ? list
                        : throw new ArgumentException($"scenario '{scenario.Id}': unknown material group '{g}'", nameof(scenarios)));
                }
                var from = Math.Max(1, e.FromPeriod);
                var to = Math.Min(periods, e.ToPeriod);
                var ln = Math.Log(e.PriceMultiplier);
                foreach (var m in covered.Distinct())
                {
                    var src = Array.IndexOf(sources[m], e.Source);
                    for (var t = from; t <= to; t++)
                    {
                        lnPrice[m * periods + t - 1] += ln;
                        if (src >= 0)
                        {
                            availability[availabilityOffset[m] + src * periods + t - 1] *= e.Availability;
                        }
                    }
                }
            }
            var x = new double[length];
            for (var i = 0; i < availability.Length; i++)
            {
                x[i] = wA * availability[i];
            }
            for (var i = 0; i < lnPrice.Length; i++)
            {
                x[priceOffset + i] = wP * lnPrice[i];
            }
            x[length - 1] = wD * scenario.DemandScale;
            features[s] = x;
        }
        return features;
    }
}
