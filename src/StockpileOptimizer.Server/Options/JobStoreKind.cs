namespace StockpileOptimizer.Server.Options;

/// <summary>Where jobs are kept (<see cref="JobOptions.Store"/>).</summary>
public enum JobStoreKind
{
    Sqlite,
    Postgres,
}
