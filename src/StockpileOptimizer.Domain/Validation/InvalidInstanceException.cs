using System.Text;

namespace StockpileOptimizer.Domain;

/// <summary>Thrown when an instance fails <see cref="InstanceValidator.Validate"/>; carries every violation.</summary>
public sealed class InvalidInstanceException : Exception
{
    public InvalidInstanceException(IReadOnlyList<Violation> violations)
        : base(Describe(violations))
    {
        Violations = violations;
    }

    public IReadOnlyList<Violation> Violations { get; }

    private static string Describe(IReadOnlyList<Violation> violations)
    {
        var text = new StringBuilder(violations.Count == 1
            ? "The instance is invalid (1 problem):"
            : $"The instance is invalid ({violations.Count} problems):");
        foreach (var violation in violations)
        {
            text.Append('\n').Append("- ").Append(violation.Message);
        }
        return text.ToString();
    }
}
