namespace StockpileOptimizer.Domain;

// Policy options: cooperation mode, risk weight λ, CVaR level α, refill θ, the v2 economics, coverage floors.
public static partial class InstanceValidator
{
    private static void CheckPolicy(Checks checks, PolicyOptions? policy, Known known)
    {
        if (policy is null)
        {
            checks.Add("policy", "is missing (null)");
            return;
        }
        if (!Enum.IsDefined(policy.Mode))
        {
            checks.Add("policy.mode", $"must be joint or independent (got {(int)policy.Mode})");
        }
        checks.NonNegative("policy.riskWeight", policy.RiskWeight, MaxFactor);
        checks.OpenFraction("policy.cvarAlpha", policy.CvarAlpha);
        checks.Fraction("policy.refillFraction", policy.RefillFraction);
        CheckEconomics(checks, policy);

        var floors = checks.Items(policy.CoverageFloors, "policy.coverageFloors");
        foreach (var (floor, path) in floors)
        {
            checks.CountryAndMaterial(path, floor.Country, floor.Material, known);
            checks.NonNegative($"{path}.months", floor.Months, MaxMonths);
            Defined(checks, $"{path}.basis", floor.Basis);
            if (floor.Days is { } days)
            {
                checks.NonNegative($"{path}.days", days, MaxDays);
                if (floor.Months > 0)
                {
                    checks.Add($"{path}.days",
                        $"is set ({Checks.Show(days)}) and so is months ({Checks.Show(floor.Months)}): they contradict each other; give one (days, when set, replaces months)");
                }
            }
        }
        checks.UniqueKeys(floors, "(country, material)", f => [f.Country, f.Material]);
    }

    /// <summary>The v2 options: null takes the format version's default; a value must be in range.</summary>
    private static void CheckEconomics(Checks checks, PolicyOptions policy)
    {
        if (policy.ReleaseRule is { } rule)
        {
            Defined(checks, "policy.releaseRule", rule);
        }
        if (policy.ReleasePriceFraction is { } release)
        {
            checks.Fraction("policy.releasePriceFraction", release);
        }
        if (policy.TerminalValueFraction is { } terminal)
        {
            checks.Fraction("policy.terminalValueFraction", terminal);
        }
        if (policy.CostView is { } view)
        {
            Defined(checks, "policy.costView", view);
        }
        if (policy.BolrContract is { } contract)
        {
            Defined(checks, "policy.bolrContract", contract);
        }
    }

    /// <summary>An enum value the type defines (a number cast in code, or from a proto, may not be).</summary>
    private static void Defined<T>(Checks checks, string path, T value)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            var names = string.Join(" | ", Enum.GetNames<T>().Select(n => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(n)));
            checks.Add(path, $"must be one of {names} (got {Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)})");
        }
    }
}
