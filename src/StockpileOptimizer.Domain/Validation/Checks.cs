using System.Globalization;

namespace StockpileOptimizer.Domain;

/// <summary>
/// Collects violations and holds the checks every family shares. Each check reports and
/// carries on, so one pass finds every problem; none of them throws, whatever the input
/// (JSON null lists, null items and null strings included).
/// </summary>
internal sealed partial class Checks
{
    private const int MaxKnownListed = 12;

    private readonly List<Violation> _violations = [];

    public IReadOnlyList<Violation> Violations => _violations;

    public void Add(string path, string message) => _violations.Add(new(path, $"{path} {message}"));

    /// <summary>The non-null items of a list with their paths; a null list or item is reported.</summary>
    public IReadOnlyList<(T Item, string Path)> Items<T>(IReadOnlyList<T>? list, string path)
        where T : class
    {
        if (list is null)
        {
            Add(path, "is missing (null); give a list, possibly empty");
            return [];
        }
        var items = new List<(T, string)>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i];
            if (item is null)
            {
                Add($"{path}[{i}]", "is null");
            }
            else
            {
                items.Add((item, $"{path}[{i}]"));
            }
        }
        return items;
    }

    /// <summary>Like <see cref="Items{T}"/>, and the list must not be empty.</summary>
    public IReadOnlyList<(T Item, string Path)> Required<T>(IReadOnlyList<T>? list, string path, string what)
        where T : class
    {
        if (list is { Count: 0 })
        {
            Add(path, $"must list at least one {what}");
        }
        return Items(list, path);
    }

    /// <summary>
    /// Ids must be non-blank, unique and of the id form (<see cref="Id"/>); returns the set of
    /// distinct ids, those of a wrong form included, so that references to them are not
    /// reported a second time.
    /// </summary>
    public HashSet<string> Ids<T>(IEnumerable<(T Item, string Path)> items, Func<T, string?> id)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, path) in items)
        {
            var value = id(item);
            if (string.IsNullOrWhiteSpace(value))
            {
                Add($"{path}.id", "must not be blank");
            }
            else
            {
                Id($"{path}.id", value);
                if (!first.TryAdd(value, path))
                {
                    Add($"{path}.id", $"{ShownText.Quote(value)} is already the id of {first[value]}");
                }
            }
        }
        return [.. first.Keys];
    }

    /// <summary>A reference must name one of <paramref name="known"/>.</summary>
    public void Ref(string path, string? value, IReadOnlySet<string> known, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(path, $"must name a {what} (got blank)");
        }
        else if (!known.Contains(value))
        {
            Add(path, $"names unknown {what} {ShownText.Quote(value)} (known: {List(known)})");
        }
    }

    /// <summary>The country and material a demand, link, producer, response or floor belongs to.</summary>
    public void CountryAndMaterial(string path, string? country, string? material, Known known)
    {
        Ref($"{path}.country", country, known.Countries, "country");
        Ref($"{path}.material", material, known.Materials, "material");
    }

    /// <summary>Reports the second and later items that repeat a key, e.g. a (country, material) pair.</summary>
    public void UniqueKeys<T>(IEnumerable<(T Item, string Path)> items, string keyName, Func<T, string?[]> key)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, path) in items)
        {
            var values = key(item);
            if (!first.TryAdd(string.Join("\u0000", values), path))
            {
                Add(path, $"repeats the {keyName} ({string.Join(", ", values.Select(v => ShownText.Cut(v ?? "", ShownText.MaxValueChars)))}) of {first[string.Join("\u0000", values)]}");
            }
        }
    }

    /// <summary>A finite number ≥ 0 and, when <paramref name="max"/> is given, ≤ it (one of <see cref="InstanceValidator"/>'s bounds).</summary>
    public void NonNegative(string path, double value, double max = double.MaxValue)
    {
        if (!double.IsFinite(value))
        {
            Add(path, $"must be a finite number ≥ 0 (got {Show(value)})");
        }
        else if (value < 0)
        {
            Add(path, $"must be ≥ 0 (got {Show(value)})");
        }
        else
        {
            AtMost(path, value, max);
        }
    }

    /// <summary>A finite number > 0 and ≤ <paramref name="max"/>.</summary>
    public void Positive(string path, double value, double max = double.MaxValue)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            Add(path, $"must be a finite number > 0 (got {Show(value)})");
        }
        else
        {
            AtMost(path, value, max);
        }
    }

    private void AtMost(string path, double value, double max)
    {
        if (value > max)
        {
            Add(path, $"must be ≤ {ShowBound(max)} (got {Show(value)})");
        }
    }

    /// <summary>A fraction in [0, 1].</summary>
    public void Fraction(string path, double value)
    {
        if (!(value is >= 0 and <= 1))
        {
            Add(path, $"must be between 0 and 1 inclusive (got {Show(value)})");
        }
    }

    /// <summary>A fraction in (0, 1), both ends excluded.</summary>
    public void OpenFraction(string path, double value)
    {
        if (!(value is > 0 and < 1))
        {
            Add(path, $"must be strictly between 0 and 1 (got {Show(value)})");
        }
    }

    public void AtLeast(string path, int value, int min)
    {
        if (value < min)
        {
            Add(path, $"must be ≥ {min} (got {value})");
        }
    }

    /// <summary>Every entry of a numeric series, finite, ≥ 0 and ≤ <paramref name="max"/>; a null series is reported.</summary>
    public IReadOnlyList<double> Series(IReadOnlyList<double>? series, string path, double max)
    {
        if (series is null)
        {
            Add(path, "is missing (null); give a list of numbers");
            return [];
        }
        for (var i = 0; i < series.Count; i++)
        {
            NonNegative($"{path}[{i}]", series[i], max);
        }
        return series;
    }

    public static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A bound as written in docs: powers of ten from 1e4 up as "1e12", others as they are.</summary>
    public static string ShowBound(double value)
    {
        var exponent = Math.Log10(value);
        return exponent >= 4 && exponent == Math.Floor(exponent) ? "1e" + ((int)exponent).ToString(CultureInfo.InvariantCulture) : Show(value);
    }

    /// <summary>A computed sum, to 15 digits so that 0.7 + 0.6 shows as 1.3, not 1.2999999999999998.</summary>
    public static string ShowSum(double value) => value.ToString("G15", CultureInfo.InvariantCulture);

    private static string List(IReadOnlySet<string> known) =>
        known.Count == 0 ? "none"
        : known.Count <= MaxKnownListed ? string.Join(", ", known.Select(Shown))
        : string.Join(", ", known.Take(MaxKnownListed).Select(Shown)) + $", … {known.Count - MaxKnownListed} more";

    private static string Shown(string id) => ShownText.Cut(id, ShownText.MaxValueChars);
}
