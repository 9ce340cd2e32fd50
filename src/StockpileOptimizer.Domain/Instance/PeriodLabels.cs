namespace StockpileOptimizer.Domain;

public static class PeriodLabels
{
    /// <summary>"t1".."tH", or "2026Q1".. when the start is a quarter label and periods are quarters.</summary>
    public static IReadOnlyList<string> For(Horizon horizon)
    {
        var labels = new string[Math.Max(0, horizon.Periods)];
        var start = horizon.Start;
        var quarterly = horizon.MonthsPerPeriod == 3 && start.Length == 6 && start[4] == 'Q'
            && int.TryParse(start.AsSpan(0, 4), out _) && start[5] is >= '1' and <= '4';
        for (var t = 0; t < labels.Length; t++)
        {
            if (quarterly)
            {
                var q = (start[5] - '1') + t;
                labels[t] = $"{int.Parse(start.AsSpan(0, 4)) + q / 4}Q{q % 4 + 1}";
            }
            else
            {
                labels[t] = $"t{t + 1}";
            }
        }
        return labels;
    }
}
