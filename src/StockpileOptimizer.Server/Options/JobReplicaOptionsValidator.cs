using Microsoft.Extensions.Options;

namespace StockpileOptimizer.Server.Options;

/// <summary>Range checks, so that a bad setting stops the host at start-up with its name.</summary>
internal sealed class JobReplicaOptionsValidator : IValidateOptions<JobReplicaOptions>
{
    public ValidateOptionsResult Validate(string? name, JobReplicaOptions options)
    {
        var failures = new List<string>();
        if (!(options.Lease >= TimeSpan.FromSeconds(1) && options.Lease <= TimeSpan.FromHours(1)))
        {
            failures.Add($"{JobOptions.Section}:{nameof(JobReplicaOptions.Lease)} must be between 1 s and 1 h");
        }
        if (!(options.Poll >= TimeSpan.FromMilliseconds(50) && options.Poll <= TimeSpan.FromMinutes(10)))
        {
            failures.Add($"{JobOptions.Section}:{nameof(JobReplicaOptions.Poll)} must be between 50 ms and 10 min");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
