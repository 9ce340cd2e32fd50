namespace StockpileOptimizer.Server.Jobs;

/// <summary>A job to insert: its new id, what was submitted, the instance fingerprint and the submission time.</summary>
public sealed record NewJob(string Id, JobSubmission Submission, string Fingerprint, DateTimeOffset CreatedAt);
