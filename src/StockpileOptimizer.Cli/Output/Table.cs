namespace StockpileOptimizer.Cli.Output;

/// <summary>How a column's values read: the unit decides the human format; CSV and JSON keep the raw number.</summary>
internal enum Unit
{
    Text,
    Count,
    Number,
    Usd,
    Tonnes,
    /// <summary>A fraction shown as a percentage (0.25 → 25 %).</summary>
    Fraction,
    Seconds,
    YesNo,
}

/// <param name="Name">The stable CSV column name (snake_case, with its unit); the human header is the same with spaces.</param>
internal sealed record Column(string Name, Unit Unit = Unit.Text)
{
    public string Header => Name.Replace('_', ' ');
}

/// <summary>
/// One table of a report. <see cref="Name"/> is stable: it is the CSV file name under
/// <c>--out</c> and the value of <c>--table</c>; <see cref="Title"/> is for people.
/// Cells are strings, numbers (null = no value), booleans or enums.
/// </summary>
internal sealed class Table(string name, string title, params Column[] columns)
{
    private readonly List<object?[]> _rows = [];

    public string Name { get; } = name;
    public string Title { get; } = title;
    public IReadOnlyList<Column> Columns { get; } = columns;
    public IReadOnlyList<object?[]> Rows => _rows;

    /// <summary>
    /// Most rows shown to people (tables and terminal); CSV, JSON and --out files always have
    /// them all. Null: no limit. For long per-sample lists that would bury the summary.
    /// </summary>
    public int? HumanLimit { get; private set; }

    /// <summary>With <see cref="HumanLimit"/>: people see the last rows rather than the first (an iteration log ends where it matters).</summary>
    public bool HumanShowsLast { get; private set; }

    public Table ShowAtMost(int rows, bool last = false)
    {
        HumanLimit = rows;
        HumanShowsLast = last;
        return this;
    }

    /// <summary>The rows shown to people, and a note on the ones left out (null when none are).</summary>
    public (IReadOnlyList<object?[]> Rows, string? Omitted) ForPeople()
    {
        if (HumanLimit is not { } limit || _rows.Count <= limit)
        {
            return (_rows, null);
        }
        var where = $"{_rows.Count - limit} {(HumanShowsLast ? "earlier" : "more")} rows: --format csv --table {Name}, or --out DIR";
        return HumanShowsLast
            ? (_rows.Skip(_rows.Count - limit).ToArray(), $"… {where}")
            : (_rows.Take(limit).ToArray(), $"… {where}");
    }

    public Table Add(params object?[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"table {Name} has {Columns.Count} columns, a row gave {cells.Length}");
        }
        _rows.Add(cells);
        return this;
    }

    public Table AddRange<T>(IEnumerable<T> items, Func<T, object?[]> row)
    {
        foreach (var item in items)
        {
            Add(row(item));
        }
        return this;
    }
}
