namespace StockpileOptimizer.Domain;

// Recipes (model v2): each producer's inputs, and no material made, however indirectly, from itself.
public static partial class InstanceValidator
{
    /// <summary>
    /// Inputs name known materials other than the producer's own output, once each, with
    /// 0 &lt; tonnesPerTonne ≤ <see cref="MaxTonnesPerTonne"/>; the recipes form no cycle.
    /// </summary>
    private static void CheckRecipes(Checks checks, IReadOnlyList<Producer>? producers, Known known)
    {
        if (producers is null)
        {
            return;
        }
        var edges = new List<RecipeEdge>();
        for (var i = 0; i < producers.Count; i++)
        {
            if (producers[i] is not { } producer)
            {
                continue;
            }
            var inputs = checks.Items(producer.Inputs, $"producers[{i}].inputs");
            foreach (var (input, path) in inputs)
            {
                checks.Ref($"{path}.material", input.Material, known.Materials, "material");
                checks.Positive($"{path}.tonnesPerTonne", input.TonnesPerTonne, MaxTonnesPerTonne);
                if (string.IsNullOrWhiteSpace(input.Material) || !known.Materials.Contains(input.Material))
                {
                    continue;
                }
                if (input.Material == producer.Material)
                {
                    checks.Add($"{path}.material",
                        $"is the producer's own output {ShownText.Quote(input.Material)}: a recipe cannot consume what it makes");
                }
                else if (known.Materials.Contains(producer.Material))
                {
                    edges.Add(new(input.Material, producer.Material, $"{path}.material", producer.Id));
                }
            }
            checks.UniqueKeys(inputs, "input material", x => [x.Material]);
        }
        ReportCycles(checks, edges);
    }

    /// <summary>Producer <paramref name="Producer"/> turns <paramref name="Input"/> into <paramref name="Output"/>.</summary>
    private sealed record RecipeEdge(string Input, string Output, string Path, string Producer);

    /// <summary>
    /// Every cycle of the material graph (input → output, over all producers of all countries:
    /// trade and sharing move material between countries, so a loop across borders is still
    /// material made from itself), reported at the input that closes it.
    /// </summary>
    private static void ReportCycles(Checks checks, IReadOnlyList<RecipeEdge> edges)
    {
        var next = edges.GroupBy(e => e.Input, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path; true: done
        var path = new List<RecipeEdge>();

        void Visit(string material)
        {
            state[material] = false;
            foreach (var edge in next.GetValueOrDefault(material) ?? [])
            {
                if (!state.TryGetValue(edge.Output, out var done))
                {
                    path.Add(edge);
                    Visit(edge.Output);
                    path.RemoveAt(path.Count - 1);
                }
                else if (!done)
                {
                    var start = path.FindIndex(e => e.Input == edge.Output);
                    var cycle = path.Skip(start < 0 ? path.Count : start).Append(edge).ToList();
                    var materials = string.Join(" → ", cycle.Select(e => e.Input).Append(edge.Output));
                    var makers = string.Join(", ", cycle.Select(e => e.Producer).Distinct());
                    checks.Add(edge.Path,
                        $"closes a recipe cycle {materials} (producers {makers}): no material may be made, however indirectly, from itself");
                }
            }
            state[material] = true;
        }

        foreach (var material in next.Keys.Order(StringComparer.Ordinal))
        {
            if (!state.ContainsKey(material))
            {
                Visit(material);
            }
        }
    }
}
