namespace StockpileOptimizer.Model.Builder;

/// <summary>
/// A position in one of the model's index sets (docs/model.md: c, m, k, p, g, t, s). Each set
/// has its own type, so that a material cannot be passed where a country is meant; each
/// converts to its int implicitly, for the solver's variable arrays and the instance's lists,
/// and orders as its int does.
/// </summary>
internal interface IIndex<TSelf> : IComparable<TSelf> where TSelf : struct, IIndex<TSelf>
{
    int Value { get; }

    static abstract TSelf At(int value);
}

/// <summary>Country c, a position in <see cref="Domain.StockpileInstance.Countries"/>.</summary>
internal readonly record struct CountryIndex(int Value) : IIndex<CountryIndex>
{
    public static CountryIndex At(int value) => new(value);
    public static implicit operator int(CountryIndex index) => index.Value;
    public int CompareTo(CountryIndex other) => Value.CompareTo(other.Value);
}

/// <summary>Material m, a position in <see cref="Domain.StockpileInstance.Materials"/>.</summary>
internal readonly record struct MaterialIndex(int Value) : IIndex<MaterialIndex>
{
    public static MaterialIndex At(int value) => new(value);
    public static implicit operator int(MaterialIndex index) => index.Value;
    public int CompareTo(MaterialIndex other) => Value.CompareTo(other.Value);
}

/// <summary>Demand sector k, a position in <see cref="Domain.StockpileInstance.Sectors"/>.</summary>
internal readonly record struct SectorIndex(int Value) : IIndex<SectorIndex>
{
    public static SectorIndex At(int value) => new(value);
    public static implicit operator int(SectorIndex index) => index.Value;
    public int CompareTo(SectorIndex other) => Value.CompareTo(other.Value);
}

/// <summary>Producer p, a position in <see cref="Domain.StockpileInstance.Producers"/>.</summary>
internal readonly record struct ProducerIndex(int Value) : IIndex<ProducerIndex>
{
    public static ProducerIndex At(int value) => new(value);
    public static implicit operator int(ProducerIndex index) => index.Value;
    public int CompareTo(ProducerIndex other) => Value.CompareTo(other.Value);
}

/// <summary>Investment g, a position in <see cref="Domain.StockpileInstance.Investments"/>.</summary>
internal readonly record struct InvestmentIndex(int Value) : IIndex<InvestmentIndex>
{
    public static InvestmentIndex At(int value) => new(value);
    public static implicit operator int(InvestmentIndex index) => index.Value;
    public int CompareTo(InvestmentIndex other) => Value.CompareTo(other.Value);
}

/// <summary>Period t = 0..H−1, standing for periods 1..H of the horizon.</summary>
internal readonly record struct PeriodIndex(int Value) : IIndex<PeriodIndex>
{
    public static PeriodIndex At(int value) => new(value);
    public static implicit operator int(PeriodIndex index) => index.Value;
    public int CompareTo(PeriodIndex other) => Value.CompareTo(other.Value);

    /// <summary>The period before this one (t − 1); the caller checks t &gt; 0.</summary>
    public PeriodIndex Previous => new(Value - 1);

    /// <summary>Whether this is the first period (t = 0, period 1).</summary>
    public bool IsFirst => Value == 0;
}

/// <summary>Scenario s, a position in <see cref="Domain.StockpileInstance.Scenarios"/>.</summary>
internal readonly record struct ScenarioIndex(int Value) : IIndex<ScenarioIndex>
{
    public static ScenarioIndex At(int value) => new(value);
    public static implicit operator int(ScenarioIndex index) => index.Value;
    public int CompareTo(ScenarioIndex other) => Value.CompareTo(other.Value);
}
