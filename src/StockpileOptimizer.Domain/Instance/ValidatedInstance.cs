namespace StockpileOptimizer.Domain;

/// <summary>
/// An instance that has passed every rule of <see cref="InstanceValidator"/>, with its
/// fingerprint. It can only be made by <see cref="Validate"/> or <see cref="Require"/>, so a
/// method that takes one need not validate again; the fingerprint is computed once, on first use.
/// </summary>
public sealed class ValidatedInstance
{
    private readonly Lazy<string> fingerprint;

    private ValidatedInstance(StockpileInstance instance)
    {
        Instance = instance;
        fingerprint = new Lazy<string>(() => InstanceJson.Fingerprint(instance));
    }

    public StockpileInstance Instance { get; }

    /// <summary>SHA-256 of the instance's canonical JSON (<see cref="InstanceJson.Fingerprint"/>).</summary>
    public string Fingerprint => fingerprint.Value;

    /// <summary>The instance, validated: the proof, or every violation (then null).</summary>
    public static (ValidatedInstance? Valid, IReadOnlyList<Violation> Violations) Validate(StockpileInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var violations = InstanceValidator.Validate(instance);
        return (violations.Count == 0 ? new ValidatedInstance(instance) : null, violations);
    }

    /// <summary>The instance, validated.</summary>
    /// <exception cref="InvalidInstanceException">It breaks a rule (all violations listed).</exception>
    public static ValidatedInstance Require(StockpileInstance instance)
    {
        var (valid, violations) = Validate(instance);
        return valid ?? throw new InvalidInstanceException(violations);
    }
}
