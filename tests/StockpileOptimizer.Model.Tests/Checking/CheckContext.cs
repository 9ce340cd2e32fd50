namespace StockpileOptimizer.Model.Tests.Checking;

// Inside the namespace so that Domain's names win over any of the model project's.
using System.Runtime.CompilerServices;
using StockpileOptimizer.Domain;

/// <summary>
/// The instance indexed for look-ups, the economics its format version resolves to, the
/// holdings at t = 0, the policy read into first-stage values (absent entries are zero), and
/// the tolerance tests every row goes through.
/// </summary>
internal sealed class CheckContext
{
    private readonly List<string> violations = [];

    public CheckContext(StockpileInstance instance, Policy policy, double tol)
    {
        Instance = instance;
        Tol = tol;
        H = instance.Horizon.Periods;
        Periods = PeriodLabels.For(instance.Horizon);
        Joint = instance.Policy.Mode == CooperationMode.Joint;
        Pairs = [.. instance.Countries.SelectMany(c => instance.Materials.Select(m => (c.Id, m.Id)))];
        MaterialsById = instance.Materials.ToDictionary(m => m.Id);
        ProducersById = instance.Producers.ToDictionary(p => p.Id);
        TierIndex = instance.Tiers.Select((tier, i) => (tier.Id, i)).ToDictionary(e => e.Id, e => e.i);
        Responses = instance.PrivateStock.ToDictionary(r => (r.Country, r.Material));
        Demands = instance.Demands.ToLookup(d => (d.Country, d.Material));
        Economics = Economics.For(instance);
        G0 = instance.Holdings.GroupBy(h => (h.Country, h.Material)).ToDictionary(g => g.Key, g => g.Sum(h => h.GovernmentTonnes));
        P0 = instance.Holdings.GroupBy(h => (h.Country, h.Material)).ToDictionary(g => g.Key, g => g.Sum(h => h.PrivateTonnes));

        var pairs = Pairs.ToHashSet();
        Targets = policy.Stockpiles;
        X = Index(policy.Stockpiles, s => (s.Country, s.Material), "stockpile", k => pairs.Contains(k))
            .ToDictionary(e => e.Key, e => e.Value.Tonnes);
        Tiers = Index(policy.Tiers, s => (s.Country, s.Material), "tier", _ => true);
        Commitments = Index(policy.Commitments, b => b.Producer, "commitment", ProducersById.ContainsKey);
        var investments = instance.Investments.Select(g => g.Id).ToHashSet();
        Decisions = Index(policy.Investments, d => d.Investment, "investment", investments.Contains);
    }

    public StockpileInstance Instance { get; }
    public double Tol { get; }
    public int H { get; }
    public IReadOnlyList<string> Periods { get; }
    public bool Joint { get; }
    public IReadOnlyList<(string Country, string Material)> Pairs { get; }
    public IReadOnlyDictionary<string, Material> MaterialsById { get; }
    public IReadOnlyDictionary<string, Producer> ProducersById { get; }
    public IReadOnlyDictionary<string, int> TierIndex { get; }
    public IReadOnlyDictionary<(string, string), PrivateStockResponse> Responses { get; }
    public ILookup<(string, string), Demand> Demands { get; }
    /// <summary>The policy's v2 options with the defaults of the instance's format version.</summary>
    public Economics Economics { get; }
    /// <summary>G0[c,m]: government holdings at t = 0.</summary>
    public IReadOnlyDictionary<(string, string), double> G0 { get; }
    /// <summary>P0[c,m]: private holdings at t = 0, released under the release rule.</summary>
    public IReadOnlyDictionary<(string, string), double> P0 { get; }
    public bool TopUp => Economics.BolrContract == BolrContract.TopUp;
    public bool EconomyView => Economics.CostView == CostView.Economy;
    public IReadOnlyDictionary<(string, string), double> X { get; }
    /// <summary>The stockpile targets as reported.</summary>
    public IReadOnlyList<StockpileTarget> Targets { get; }
    public IReadOnlyDictionary<(string, string), TierChoice> Tiers { get; }
    public IReadOnlyDictionary<string, BolrCommitment> Commitments { get; }
    public IReadOnlyDictionary<string, InvestmentDecision> Decisions { get; }
    public IReadOnlyList<string> Violations => violations;

    public double Stock(string country, string material) => X.GetValueOrDefault((country, material));

    /// <summary>G0 + x: the government stock at t = 0 (I_0).</summary>
    public double Opening(string country, string material) =>
        G0.GetValueOrDefault((country, material)) + Stock(country, material);

    /// <summary>a[p,m']: tonnes of m' drawn per tonne of p's output (0 where not listed).</summary>
    public static double Input(Producer p, string material) =>
        p.Inputs.Where(i => i.Material == material).Sum(i => i.TonnesPerTonne);

    public double NormalPrice(string material) =>
        MaterialsById.TryGetValue(material, out var m) ? m.PriceUsdPerTonne : 0;

    public double Q(string producer) => Commitments.TryGetValue(producer, out var b) ? b.TonnesPerPeriod : 0;

    public bool Built(string investment) => Decisions.TryGetValue(investment, out var d) && d.Build;

    /// <summary>Tonnes of private stock the chosen tier induces; 0 without a response or a valid tier.</summary>
    public double Induced(string country, string material) =>
        ChosenTier(country, material) is { } tier ? At(Responses[(country, material)].TonnesByTier, tier) : 0;

    public int? ChosenTier(string country, string material) =>
        Responses.ContainsKey((country, material))
        && Tiers.TryGetValue((country, material), out var choice)
        && TierIndex.TryGetValue(choice.Tier, out var tier) ? tier : null;

    public static double At(IReadOnlyList<double>? series, int index) =>
        series is not null && index >= 0 && index < series.Count ? series[index] : 0;

    public static string Row(string family, params object?[] index) =>
        $"{family}[{string.Join(",", index.Select(i => i is ITuple t ? string.Join(",", Enumerable.Range(0, t.Length).Select(j => t[j])) : i))}]";

    public static string Num(double value) => value.ToString("G10");

    public void Report(string row, string message) => violations.Add($"{row}: {message}");

    /// <summary>lhs = rhs within tol·max(1, |rhs|, terms); terms defaults to |lhs|.</summary>
    public void Eq(string row, double lhs, double rhs, double terms = double.NaN)
    {
        if (Math.Abs(lhs - rhs) > Slack(lhs, rhs, terms))
        {
            Report(row, $"lhs {Num(lhs)} ≠ rhs {Num(rhs)}");
        }
    }

    public void Le(string row, double lhs, double rhs, double terms = double.NaN)
    {
        if (lhs - rhs > Slack(lhs, rhs, terms))
        {
            Report(row, $"lhs {Num(lhs)} > rhs {Num(rhs)}");
        }
    }

    public void Ge(string row, double lhs, double rhs, double terms = double.NaN)
    {
        if (rhs - lhs > Slack(lhs, rhs, terms))
        {
            Report(row, $"lhs {Num(lhs)} < rhs {Num(rhs)}");
        }
    }

    /// <summary>A reported number agrees with its recomputation within tol·max(1, |recomputed|, terms).</summary>
    public void Agree(string row, double reported, double recomputed, double terms = 0)
    {
        if (Math.Abs(reported - recomputed) > Tol * Math.Max(1, Math.Max(Math.Abs(recomputed), terms)))
        {
            Report(row, $"reported {Num(reported)} ≠ recomputed {Num(recomputed)}");
        }
    }

    public void NonNegative(string variable, double value, double scale = 1)
    {
        if (value < -Tol * Math.Max(1, scale))
        {
            Report(variable, $"{Num(value)} < 0, must be nonnegative");
        }
    }

    private double Slack(double lhs, double rhs, double terms) =>
        Tol * Math.Max(1, Math.Max(Math.Abs(rhs), double.IsNaN(terms) ? Math.Abs(lhs) : terms));

    /// <summary>Entries by key; unknown keys and duplicates are violations and are left out.</summary>
    private Dictionary<TKey, T> Index<T, TKey>(
        IEnumerable<T> entries, Func<T, TKey> key, string what, Func<TKey, bool> known)
        where TKey : notnull
    {
        var index = new Dictionary<TKey, T>();
        foreach (var entry in entries)
        {
            var k = key(entry);
            if (!known(k))
            {
                Report(Row(what, k), "refers to nothing in the instance");
            }
            else if (!index.TryAdd(k, entry))
            {
                Report(Row(what, k), "listed more than once");
            }
        }
        return index;
    }
}
