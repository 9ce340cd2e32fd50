namespace StockpileOptimizer.Model.Analyses;

/// <summary>The instance has more countries than <see cref="CooperationOptions.MaxCountries"/> allows.</summary>
public sealed class TooManyCountriesException : ArgumentException
{
    public TooManyCountriesException(int countries, int limit)
        : base($"the cooperation analysis solves every coalition of countries (2^{countries} − 1 = {(1L << Math.Min(countries, 62)) - 1} solves for {countries} countries) "
            + $"and is limited to {limit} countries (CooperationOptions.MaxCountries = {limit}); raise the limit or merge countries", "instance")
    {
        Countries = countries;
        Limit = limit;
    }

    public int Countries { get; }
    public int Limit { get; }
}
