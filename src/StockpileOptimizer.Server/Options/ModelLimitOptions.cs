namespace StockpileOptimizer.Server.Options;

/// <summary>
/// The limit on a model's size, bound from the "Server" section like <see cref="ServerOptions"/>
/// (<c>Server:MaxModelVariables</c>). <see cref="ServerOptions.MaxScenarioPeriods"/> bounds only
/// scenarios × periods; this bounds the whole model, wide instances (many countries ×
/// materials) included, from an estimate made before anything is built
/// (<see cref="Model.ModelSizeEstimate"/>).
/// </summary>
public sealed class ModelLimitOptions
{
    public const string Section = ServerOptions.Section;

    /// <summary>
    /// Most variables a model may have. SCIP's peak memory grows about 4.9 KiB per variable
    /// (docs/performance.md: 706,012 variables peaked at 3,373 MiB), so 400,000 is about 2 GiB
    /// per solve. The default instance has 14,278 variables and the generated 100-scenario,
    /// 12-period planning instances about 200,000; the 100 countries × 100 materials instance
    /// of docs/reliability.md's finding 7 (431,206 variables, a 33 s build) is refused.
    /// </summary>
    public long MaxModelVariables { get; set; } = 400_000;
}
