using System.Text.Json.Serialization;

namespace StockpileOptimizer.Domain;

/// <summary>
/// The stated distributions disruption scenarios are sampled from (docs/scenario-generation.md):
/// per material group a halt of imports from the <see cref="Supplier"/> (probability, onset,
/// duration, remaining availability, price multiplier), a supplier-wide shock that makes the
/// rare-earth groups halt together, a price war that may precede a halt, and a demand
/// multiplier. The defaults describe the US–Canada instance; where a default is a reasoned
/// guess its comment says "assumption", otherwise it cites ../shared/design/DATA.md.
/// Periods are the instance's periods; the default durations assume quarters.
/// </summary>
public sealed record ScenarioDistribution
{
    /// <summary>
    /// Import source whose exports halt (an id of <see cref="StockpileInstance.ImportSources"/>).
    /// Default "china": the 4 April 2025 controls (CSIS June 2025) and the 2010 embargo (DATA.md).
    /// </summary>
    public string Supplier { get; init; } = "china";

    /// <summary>
    /// Halt distribution per material group. Entries for groups the instance does not have are
    /// ignored; groups without an entry never halt.
    /// </summary>
    public IReadOnlyList<GroupHaltDistribution> Halts { get; init; } = DefaultHalts;

    /// <summary>Correlation: the supplier-wide shock that hits several groups together.</summary>
    public SupplierShockDistribution SupplierShock { get; init; } = new();

    /// <summary>A price war on some groups; when one of them also halts, the war ends just before the halt.</summary>
    public PriceWarDistribution PriceWar { get; init; } = new();

    /// <summary>
    /// Scenario demand multiplier (<see cref="Scenario.DemandScale"/>, one factor on every demand
    /// series: the domain has no per-sector scale). Default median 1, σ 0.1 — assumption: the
    /// base series already carry 0.5–2 %/quarter growth per sector; this is the forecast error
    /// around them, about ±20 % at 95 %.
    /// </summary>
    public LogNormalFactor DemandScale { get; init; } = new() { Median = 1, Sigma = 0.1 };

    /// <summary>
    /// Default per-group halts. Probabilities are those implied by the default instance's
    /// hand-built scenario set (us-canada.json, each labelled assumption there): heavy REE and
    /// magnets halt in short-halt 0.2 + long-halt 0.1 + price-war-then-halt 0.1 +
    /// heavy-ree-controls 0.25 = 0.65; light REE in long-halt + price-war-then-halt = 0.2;
    /// other (tungsten, cobalt) in long-halt = 0.1.
    /// </summary>
    public static IReadOnlyList<GroupHaltDistribution> DefaultHalts { get; } =
    [
        new()
        {
            Group = "heavy-ree",
            // Dy, Tb, Sc (and Sm, Gd, Lu, Y) were put under export control on 4 April 2025 (CSIS June 2025).
            Probability = 0.65,
        },
        new()
        {
            Group = "magnet",
            // Magnets containing the controlled REE were on the same 4 April 2025 list (CSIS June 2025).
            Probability = 0.65,
        },
        new()
        {
            Group = "light-ree",
            // NdPr is not on the April 2025 list: it halts only in a broader escalation (2010-style embargo).
            Probability = 0.2,
        },
        new()
        {
            Group = "other",
            // Tungsten, cobalt: the default instance's long halt halves them at ×1.5 prices (assumptions there).
            Probability = 0.1,
            Availability = new() { Mean = 0.5, Concentration = 8 },
            PriceMultiplier = new() { Median = 1.5, Sigma = 0.45, Shift = 1 },
        },
    ];

    /// <summary>The defaults above (declared after <see cref="DefaultHalts"/>, which it uses).</summary>
    public static ScenarioDistribution Default { get; } = new();

    /// <summary>
    /// Every problem with this distribution (and, given an instance, with its supplier);
    /// empty when it can be sampled from.
    /// </summary>
    public IReadOnlyList<string> Validate(StockpileInstance? instance = null)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Supplier))
        {
            problems.Add("supplier: must name an import source");
        }
        else if (instance is not null && !instance.ImportSources.Any(s => s.Id == Supplier))
        {
            problems.Add($"supplier: '{Supplier}' is not an import source of the instance");
        }
        if (Halts is null)
        {
            problems.Add("halts: missing (null)");
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < Halts.Count; i++)
            {
                var h = Halts[i];
                var path = $"halts[{i}]";
                if (h is null)
                {
                    problems.Add($"{path}: missing (null)");
                    continue;
                }
                if (string.IsNullOrWhiteSpace(h.Group))
                {
                    problems.Add($"{path}.group: must name a material group");
                }
                else if (!seen.Add(h.Group))
                {
                    problems.Add($"{path}.group: '{h.Group}' is listed twice");
                }
                Probability(problems, $"{path}.probability", h.Probability);
                Nested(problems, $"{path}.onset", h.Onset, (o, p) => o.Check(problems, p));
                Nested(problems, $"{path}.duration", h.Duration, (d, p) => d.Check(problems, p));
                Nested(problems, $"{path}.availability", h.Availability, (a, p) => a.Check(problems, p));
                Nested(problems, $"{path}.priceMultiplier", h.PriceMultiplier, (m, p) => m.Check(problems, p));
            }
        }
        if (SupplierShock is null)
        {
            problems.Add("supplierShock: missing (null)");
        }
        else
        {
            Probability(problems, "supplierShock.rho", SupplierShock.Rho);
            if (SupplierShock.Groups is null)
            {
                problems.Add("supplierShock.groups: missing (null)");
            }
        }
        if (PriceWar is null)
        {
            problems.Add("priceWar: missing (null)");
        }
        else
        {
            Probability(problems, "priceWar.probability", PriceWar.Probability);
            if (PriceWar.Groups is null)
            {
                problems.Add("priceWar.groups: missing (null)");
            }
            Nested(problems, "priceWar.onset", PriceWar.Onset, (o, p) => o.Check(problems, p));
            Nested(problems, "priceWar.length", PriceWar.Length, (l, p) => l.Check(problems, p));
            Nested(problems, "priceWar.depth", PriceWar.Depth, (d, p) => d.Check(problems, p));
        }
        Nested(problems, "demandScale", DemandScale, (d, p) => d.Check(problems, p));
        return problems;
    }

    private static void Nested<T>(List<string> problems, string path, T? value, Action<T, string> check)
        where T : class
    {
        if (value is null)
        {
            problems.Add($"{path}: missing (null)");
        }
        else
        {
            check(value, path);
        }
    }

    internal static void Probability(List<string> problems, string path, double value)
    {
        if (!(value is >= 0 and <= 1))
        {
            problems.Add($"{path}: must be a probability in [0, 1] (got {value})");
        }
    }
}

/// <summary>
/// Halts of imports of one material group from the supplier. A halt starts at most once
/// within the horizon and throttles imports to <see cref="Availability"/> of normal while
/// multiplying prices by <see cref="PriceMultiplier"/>.
/// </summary>
public sealed record GroupHaltDistribution
{
    /// <summary>Material group (<see cref="Material.Group"/>).</summary>
    public string Group { get; init; } = "";

    /// <summary>Probability that a halt of this group starts within the onset window (the horizon by default).</summary>
    public double Probability { get; init; }

    /// <summary>
    /// First period of the halt, given that it happens. Default uniform over the horizon —
    /// assumption: nothing in DATA.md says when the next halt comes.
    /// </summary>
    public OnsetWindow Onset { get; init; } = new();

    /// <summary>
    /// Length in periods (truncated at the end of the horizon). Default 1 + negative binomial
    /// with mean 5 quarters and shape 1.5 — assumption: overdispersed between the acute
    /// April–May 2025 phase (1–2 quarters) and the default instance's long halts (6–8 quarters);
    /// about 30 % of halts last at most 2 quarters and about 20 % at least 8.
    /// </summary>
    public PeriodCountDistribution Duration { get; init; } = new() { Min = 1, Mean = 5, Shape = 1.5 };

    /// <summary>
    /// Remaining availability during the halt, fraction of normal imports. Default Beta with mean
    /// 0.3, concentration 8 (sd 0.15): magnet exports fell ~45 % in April (0.55 left) and ~74 %
    /// in May 2025 (0.26 left) (customs data, press; DATA.md); a sustained halt sits near the May
    /// trough, and both months lie inside the central 90 % (~0.08–0.58).
    /// </summary>
    public BetaFraction Availability { get; init; } = new() { Mean = 0.3, Concentration = 8 };

    /// <summary>
    /// Price multiplier during the halt: 1 + lognormal, so a halt never lowers a price. Default
    /// median 1.6: NdPr rose from ~US$53–55/kg (2024) to ~US$88/kg (August 2025) under the 2025
    /// controls (market reports; DATA.md), ×1.6. σ 0.45 of the rise is an assumption giving a
    /// 95 % range of ×1.25–×2.45, whose top matches the default instance's 2011-style ×2.5 spike.
    /// </summary>
    public LogNormalFactor PriceMultiplier { get; init; } = new() { Median = 1.6, Sigma = 0.45, Shift = 1 };
}

/// <summary>
/// Correlation between groups. With probability <see cref="Rho"/> a scenario's halts are one
/// supplier decision: a single uniform draw decides every group of <see cref="Groups"/> (a group
/// halts when the draw is below its probability, so a rare broad halt includes every more likely
/// group) and a single onset and duration quantile serve them all (same periods when their
/// timing distributions agree). Otherwise each group draws on its own. Each group's marginal
/// probability and timing distribution are unchanged by ρ; only their dependence is.
/// P(both g and h halt) = ρ·min(p_g, p_h) + (1 − ρ)·p_g·p_h.
/// </summary>
public sealed record SupplierShockDistribution
{
    /// <summary>
    /// Groups the shock couples. Default the rare-earth groups of the default instance: the 2010
    /// embargo hit all rare earths together, the April 2025 controls heavy REE and magnets
    /// together but not NdPr (DATA.md) — in the coupled draw light REE halt only when heavy REE
    /// and magnets do.
    /// </summary>
    public IReadOnlyList<string> Groups { get; init; } = ["light-ree", "magnet", "heavy-ree"];

    /// <summary>
    /// ρ in [0, 1], probability that the groups are drawn as one supplier decision. Default
    /// 0.8 — assumption: both recorded episodes (2010, April 2025) were single decisions
    /// covering several groups; 0.2 leaves room for separate, group-specific measures.
    /// </summary>
    public double Rho { get; init; } = 0.8;
}

/// <summary>
/// A price war: the supplier floods the market, prices of <see cref="Groups"/> fall to
/// <see cref="Depth"/> of normal, supply is not throttled. When a halt of one of its groups
/// also happens, the war is placed right before the halt (it ends the period before the
/// earliest such halt starts, and is dropped if that halt starts in period 1): the
/// flood-then-cut sequence of the default instance's price-war-then-halt scenario.
/// </summary>
public sealed record PriceWarDistribution
{
    /// <summary>
    /// Probability of a price war within the horizon. Default 0.1 — the default instance's
    /// price-war-then-halt probability (assumption there).
    /// </summary>
    public double Probability { get; init; } = 0.1;

    /// <summary>
    /// Groups whose prices fall. Default light REE: the 2013–2015 price collapse bankrupted
    /// Molycorp, Mountain Pass' NdPr producer (DATA.md).
    /// </summary>
    public IReadOnlyList<string> Groups { get; init; } = ["light-ree"];

    /// <summary>Onset when no halt follows. Default uniform over the horizon (assumption).</summary>
    public OnsetWindow Onset { get; init; } = new();

    /// <summary>
    /// Length in periods. Default 1 + negative binomial with mean 6 quarters, shape 3 —
    /// assumption: the 2013–2015 collapse lasted years (DATA.md); the default instance's war is 4 quarters.
    /// </summary>
    public PeriodCountDistribution Length { get; init; } = new() { Min = 1, Mean = 6, Shape = 3 };

    /// <summary>
    /// Price multiplier during the war, in (0, 1). Default Beta with mean 0.5, concentration 20
    /// (sd 0.11) — assumption: the default instance's ×0.5 (NdPr at ~US$31/kg, below Mountain
    /// Pass' assumed cost), as in the 2013–2015 collapse (DATA.md).
    /// </summary>
    public BetaFraction Depth { get; init; } = new() { Mean = 0.5, Concentration = 20 };
}

/// <summary>Uniform onset over periods <see cref="First"/>..<see cref="Last"/> (clipped to the horizon).</summary>
public sealed record OnsetWindow
{
    public int First { get; init; } = 1;
    /// <summary>Last possible onset; null means the last period of the horizon.</summary>
    public int? Last { get; init; }

    internal void Check(List<string> problems, string path)
    {
        if (First < 1)
        {
            problems.Add($"{path}.first: must be ≥ 1 (got {First})");
        }
        if (Last is { } last && last < First)
        {
            problems.Add($"{path}.last: must not be before first ({last} < {First})");
        }
    }

    /// <summary>The window within a horizon of <paramref name="periods"/> periods.</summary>
    public (int First, int Last) Within(int periods)
    {
        var first = Math.Min(First, periods);
        var last = Math.Clamp(Last ?? periods, first, periods);
        return (first, last);
    }
}

/// <summary>
/// A whole number of periods: <see cref="Min"/> + N, where N is negative binomial with mean
/// <see cref="Mean"/> − <see cref="Min"/> and shape r = <see cref="Shape"/> (variance
/// μ + μ²/r), or Poisson when <see cref="Shape"/> is null. Mean = Min gives exactly Min.
/// </summary>
public sealed record PeriodCountDistribution
{
    public int Min { get; init; } = 1;
    /// <summary>Mean length including <see cref="Min"/>, periods.</summary>
    public double Mean { get; init; } = 1;
    /// <summary>Negative-binomial shape r &gt; 0 (smaller is more dispersed); null: Poisson.</summary>
    public double? Shape { get; init; }

    internal void Check(List<string> problems, string path)
    {
        if (Min < 1)
        {
            problems.Add($"{path}.min: must be ≥ 1 period (got {Min})");
        }
        if (!(double.IsFinite(Mean) && Mean >= Min))
        {
            problems.Add($"{path}.mean: must be finite and ≥ min (got {Mean})");
        }
        if (Shape is { } r && !(double.IsFinite(r) && r > 0))
        {
            problems.Add($"{path}.shape: must be > 0 (got {r})");
        }
    }
}

/// <summary>A fraction in [0, 1] drawn from Beta(α, β) with α = mean·κ, β = (1 − mean)·κ.</summary>
public sealed record BetaFraction
{
    /// <summary>Mean in (0, 1).</summary>
    public double Mean { get; init; } = 0.5;
    /// <summary>Concentration κ = α + β &gt; 0; variance mean·(1 − mean)/(κ + 1).</summary>
    public double Concentration { get; init; } = 2;

    [JsonIgnore]
    public double Alpha => Mean * Concentration;
    [JsonIgnore]
    public double Beta => (1 - Mean) * Concentration;

    internal void Check(List<string> problems, string path)
    {
        if (!(Mean is > 0 and < 1))
        {
            problems.Add($"{path}.mean: must be in (0, 1) (got {Mean})");
        }
        if (!(double.IsFinite(Concentration) && Concentration > 0))
        {
            problems.Add($"{path}.concentration: must be > 0 (got {Concentration})");
        }
    }
}

/// <summary>
/// A positive factor <see cref="Shift"/> + exp(N(μ, σ²)) with μ = ln(<see cref="Median"/> −
/// <see cref="Shift"/>): a lognormal, shifted so that it never falls below the shift (a
/// three-parameter lognormal). Shift 0 is the plain lognormal with the given median.
/// </summary>
public sealed record LogNormalFactor
{
    /// <summary>Median of the factor, &gt; <see cref="Shift"/>.</summary>
    public double Median { get; init; } = 1;
    /// <summary>σ ≥ 0 of the logarithm of the part above the shift; 0 gives exactly the median.</summary>
    public double Sigma { get; init; }
    /// <summary>Lower bound ≥ 0 of the factor (default 0).</summary>
    public double Shift { get; init; }

    [JsonIgnore]
    public double Mu => Math.Log(Median - Shift);

    internal void Check(List<string> problems, string path)
    {
        if (!(double.IsFinite(Shift) && Shift >= 0))
        {
            problems.Add($"{path}.shift: must be ≥ 0 (got {Shift})");
        }
        if (!(double.IsFinite(Median) && Median > 0 && Median > Shift))
        {
            problems.Add($"{path}.median: must be > 0 and > shift (got {Median})");
        }
        if (!(double.IsFinite(Sigma) && Sigma >= 0))
        {
            problems.Add($"{path}.sigma: must be ≥ 0 (got {Sigma})");
        }
    }
}
