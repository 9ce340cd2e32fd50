using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Contracts.Mapping;

/// <summary>
/// Problems the proto form of a request can have and the domain form cannot, worded like the
/// validator's (a sentence that starts with the path) so that callers see one kind of violation.
/// </summary>
public static class FieldProblems
{
    public static Violation UnknownEnum(string path, int value, string known) =>
        new(path, $"{path} has a value this server does not know ({value}); use {known}");

    public static Violation Required(string path) => new(path, $"{path} is required");

    public static Violation Invalid(string path, string problem) => new(path, $"{path} {problem}");
}
