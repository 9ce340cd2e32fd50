using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Sampling;

/// <summary>
/// How the replications' plans differ (docs/sampling.md): per (country, material) the stockpile's
/// mean, standard deviation (n − 1 divisor; 0 for one plan), min and max over the plans, a missing
/// entry counting as 0 t; the share of plans choosing each tax-credit tier per (country,
/// material), and the share building each investment of the instance.
/// </summary>
internal static class PlanStability
{
    public static (IReadOnlyList<StockpileSpread> Stockpiles, IReadOnlyList<ChoiceShare> Choices) Of(
        StockpileInstance instance, IReadOnlyList<Policy> plans)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(plans);
        if (plans.Count == 0)
        {
            return ([], []);
        }
        var spreads = new List<StockpileSpread>();
        var choices = new List<ChoiceShare>();
        foreach (var country in instance.Countries)
        {
            foreach (var material in instance.Materials)
            {
                if (!plans.Any(p => p.Stockpiles.Any(s => Is(s.Country, s.Material, country.Id, material.Id))))
                {
                    continue;
                }
                var tonnes = plans.Select(p => p.Stockpiles.FirstOrDefault(s => Is(s.Country, s.Material, country.Id, material.Id))?.Tonnes ?? 0).ToArray();
                var mean = tonnes.Average();
                var sd = tonnes.Length > 1 ? Math.Sqrt(tonnes.Sum(t => (t - mean) * (t - mean)) / (tonnes.Length - 1)) : 0;
                spreads.Add(new StockpileSpread(country.Id, material.Id, mean, sd, tonnes.Min(), tonnes.Max()));
                var chosen = plans
                    .Select(p => p.Tiers.FirstOrDefault(t => Is(t.Country, t.Material, country.Id, material.Id))?.Tier)
                    .OfType<string>()
                    .ToArray();
                foreach (var tier in instance.Tiers.Where(t => chosen.Contains(t.Id)))
                {
                    choices.Add(new ChoiceShare("tier", country.Id, material.Id, tier.Id, (double)chosen.Count(c => c == tier.Id) / plans.Count));
                }
            }
        }
        foreach (var investment in instance.Investments)
        {
            var built = plans.Count(p => p.Investments.Any(i => i.Investment == investment.Id && i.Build));
            choices.Add(new ChoiceShare("build", "", "", investment.Id, (double)built / plans.Count));
        }
        return (spreads, choices);
    }

    private static bool Is(string country, string material, string wantedCountry, string wantedMaterial) =>
        country == wantedCountry && material == wantedMaterial;
}
