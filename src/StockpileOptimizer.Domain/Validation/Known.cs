namespace StockpileOptimizer.Domain;

/// <summary>The valid ids of the instance's sets (and the routes "from→to" of its trade links), against which references are checked.</summary>
internal sealed record Known(
    HashSet<string> Countries,
    HashSet<string> Materials,
    HashSet<string> Sectors,
    HashSet<string> Sources,
    HashSet<string> Producers,
    HashSet<string> Groups,
    int TierCount,
    int Periods,
    HashSet<string> TradeRoutes);
