using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>
/// The expected-value (EV) problem: the instance with its scenarios replaced by one, in which
/// every random parameter takes its expected value (docs/analyses.md):
/// demand scale Σπ·scale_s; for each (material, import source, period) the availability
/// multiplier E[Π availability of the events of s on that source]; for each (material,
/// period) the price multiplier E[Π price multipliers]. So demand, import availability and
/// price are exactly their expectations per (country, material, period). A supply emergency
/// (stock may be released) holds wherever the expected availability of some source is below 1.
/// </summary>
internal static class ExpectedValueProblem
{
    public const string ScenarioId = "expected-value";

    public static StockpileInstance Of(StockpileInstance instance) => EvaluationAnalysis.Alone(instance, Scenario(instance));

    public static Scenario Scenario(StockpileInstance instance)
    {
        var scenarios = instance.Scenarios;
        var events = new List<SupplyEvent>();
        foreach (var material in instance.Materials)
        {
            for (var period = 1; period <= instance.Horizon.Periods; period++)
            {
                var covering = scenarios.Select(s => s.Events.Where(e => Covers(e, material, period)).ToArray()).ToArray();
                double Expected(Func<SupplyEvent[], double> multiplier) => scenarios.Select((s, i) => s.Probability * multiplier(covering[i])).Sum();
                var price = Expected(es => es.Aggregate(1.0, (product, e) => product * e.PriceMultiplier));
                if (price != 1)
                {
                    events.Add(Event("expected-price", "", material, period, availability: 1, price));
                }
                foreach (var source in instance.ImportSources)
                {
                    var availability = Expected(es => es.Where(e => e.Source == source.Id).Aggregate(1.0, (product, e) => product * e.Availability));
                    if (availability < 1)
                    {
                        events.Add(Event("expected-availability", source.Id, material, period, availability, price: 1));
                    }
                }
            }
        }
        return new Scenario
        {
            Id = ScenarioId,
            Name = "every random parameter at its expected value",
            Probability = 1,
            DemandScale = scenarios.Sum(s => s.Probability * s.DemandScale),
            Events = events,
        };
    }

    private static bool Covers(SupplyEvent e, Material material, int period) =>
        e.FromPeriod <= period && period <= e.ToPeriod && (e.Materials.Contains(material.Id) || e.Groups.Contains(material.Group));

    private static SupplyEvent Event(string kind, string source, Material material, int period, double availability, double price) => new()
    {
        Kind = kind, Source = source, Materials = [material.Id], FromPeriod = period, ToPeriod = period,
        Availability = availability, PriceMultiplier = price,
    };
}
