namespace StockpileOptimizer.Domain;

// Policy options: cooperation mode, risk weight λ, CVaR level α, refill θ, coverage floors.
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

        var floors = checks.Items(policy.CoverageFloors, "policy.coverageFloors");
        foreach (var (floor, path) in floors)
        {
            checks.CountryAndMaterial(path, floor.Country, floor.Material, known);
            checks.NonNegative($"{path}.months", floor.Months, MaxMonths);
        }
        checks.UniqueKeys(floors, "(country, material)", f => [f.Country, f.Material]);
    }
}
