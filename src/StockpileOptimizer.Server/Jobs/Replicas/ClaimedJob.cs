namespace StockpileOptimizer.Server.Jobs;

/// <summary>A claimed job: RUNNING with its state event, or FAILED (submission null) when its submission cannot be read.</summary>
public sealed record ClaimedJob(JobSnapshot Job, JobEvent Event, StoredSubmission? Submission);
