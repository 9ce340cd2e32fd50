namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// Whether a request id given again comes with the same request: the same kind, instance (by
/// fingerprint), solve options and analysis spec as the job it already names. Options and spec
/// are compared in the store's JSON form, re-written from what is stored so that a row written
/// by an earlier server compares by value, not by spelling.
/// </summary>
internal static class RequestIdentity
{
    /// <summary>The field that differs ("kind", "instance", "options" or "analysis"), or null for the same request.</summary>
    public static string? Difference(
        string existingId, string existingKind, string existingFingerprint, string existingOptions, string? existingAnalysis, NewJob job)
    {
        var submission = job.Submission;
        if (existingKind != submission.Kind)
        {
            return "kind";
        }
        if (existingFingerprint != job.Fingerprint)
        {
            return "instance";
        }
        try
        {
            if (JobJson.Write(JobJson.ReadOptions(existingOptions)) != JobJson.Write(submission.Options))
            {
                return "options";
            }
            var analysis = existingAnalysis is null ? null : JobJson.Write(JobJson.ReadAnalysisSpec(existingAnalysis));
            return analysis == (submission.Analysis is { } spec ? JobJson.Write(spec) : null) ? null : "analysis";
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new StoredJobDamagedException(existingId, $"job {existingId}: the stored submission cannot be read ({e.Message})", e);
        }
    }

    /// <summary>Throws <see cref="RequestIdConflictException"/> when the request differs from the one the id already names.</summary>
    public static void Check(string existingId, string existingKind, string existingFingerprint, string existingOptions, string? existingAnalysis, NewJob job)
    {
        if (Difference(existingId, existingKind, existingFingerprint, existingOptions, existingAnalysis, job) is { } field)
        {
            throw new RequestIdConflictException(job.Submission.RequestId!, existingId, field);
        }
    }
}
