using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Mapping;

/// <summary>Resource names of jobs (AIP-122): "jobs/{job_id}".</summary>
internal static class JobNames
{
    private const string Prefix = "jobs/";

    public static string Format(string id) => Prefix + id;

    /// <summary>The job id in <paramref name="name"/>, or null with a violation at <paramref name="field"/>.</summary>
    public static string? Parse(string name, string field, ICollection<Violation> problems)
    {
        if (string.IsNullOrEmpty(name))
        {
            problems.Add(ProtoProblems.Required(field));
            return null;
        }
        var id = name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..] : "";
        if (id.Length == 0 || id.Contains('/'))
        {
            problems.Add(ProtoProblems.Invalid(field, $"must be a job name \"jobs/{{job_id}}\" (got \"{name}\")"));
            return null;
        }
        return id;
    }
}
