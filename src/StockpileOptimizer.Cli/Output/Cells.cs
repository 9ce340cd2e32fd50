using System.Globalization;

namespace StockpileOptimizer.Cli.Output;

/// <summary>Cell text: human (grouped digits, $, %) or raw for CSV (round-trip invariant numbers, empty for no value).</summary>
internal static class Cells
{
    public const string None = "—";

    public static string Human(object? cell, Unit unit) => cell switch
    {
        null => None,
        double d when !double.IsFinite(d) => None,
        double d => unit switch
        {
            Unit.Usd => Usd(d),
            Unit.Fraction => Percent(d),
            Unit.Seconds => d.ToString("0.00", CultureInfo.InvariantCulture),
            _ => Num(d),
        },
        int i => i.ToString("#,0", CultureInfo.InvariantCulture),
        long l => l.ToString("#,0", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        Enum e => e.ToString(),
        _ => cell.ToString() ?? "",
    };

    public static string Raw(object? cell) => cell switch
    {
        null => "",
        double d when !double.IsFinite(d) => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => Kebab(e.ToString()),
        _ => cell.ToString() ?? "",
    };

    public static bool RightAligned(Unit unit) => unit is not (Unit.Text or Unit.YesNo);

    /// <summary>Grouped digits with two decimals; small values keep four (a probability of 1/300 is not "0").</summary>
    public static string Num(double x)
    {
        if (x == 0)
        {
            return "0"; // −0 too
        }
        var abs = Math.Abs(x);
        var text = x.ToString(abs >= 1 ? "#,0.##" : "0.####", CultureInfo.InvariantCulture);
        return text is "0" or "-0" && x != 0 ? x.ToString("G3", CultureInfo.InvariantCulture) : text;
    }

    /// <summary>Whole dollars; a value that rounds to 0 is "$0", never "-$0" (solver noise of −6e-8 is not a refund).</summary>
    public static string Usd(double? x) => x is { } v && double.IsFinite(v)
        ? (Math.Round(v) < 0 ? "-$" : "$") + Math.Abs(v).ToString("#,0", CultureInfo.InvariantCulture)
        : None;

    public static string Percent(double? x) => x is { } v && double.IsFinite(v) ? (v * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %" : None;

    /// <summary>The JSON spelling of an enum value (TimeLimit → time-limit), so CSV and JSON agree.</summary>
    public static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
