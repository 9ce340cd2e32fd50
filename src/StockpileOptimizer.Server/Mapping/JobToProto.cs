using Google.Protobuf.WellKnownTypes;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Server.Jobs;

namespace StockpileOptimizer.Server.Mapping;

/// <summary>Job system → proto: jobs, events, states, and an analysis job's result (its records mapped by <see cref="DomainMapping"/>).</summary>
internal static class JobToProto
{
    public static V1.Job ToProto(JobSnapshot job, V1.SolveResult? result = null) => new()
    {
        Name = JobNames.Format(job.Id),
        RequestId = job.RequestId ?? "",
        Kind = job.Kind,
        State = State(job.State),
        CreateTime = Timestamp.FromDateTimeOffset(job.CreatedAt),
        StartTime = job.StartedAt is { } started ? Timestamp.FromDateTimeOffset(started) : null,
        EndTime = job.FinishedAt is { } finished ? Timestamp.FromDateTimeOffset(finished) : null,
        Fingerprint = job.Fingerprint,
        Error = job.Error ?? "",
        LastSequence = job.LastSequence,
        Result = result,
    };

    /// <summary>An analysis job's result message: the job, and the result of its kind when it has one.</summary>
    public static V1.AnalysisResult ToProto(JobSnapshot job, AnalysisResult? result)
    {
        var proto = new V1.AnalysisResult { Job = JobNames.Format(job.Id), Kind = job.Kind, State = State(job.State) };
        DomainMapping.SetResult(proto, result);
        return proto;
    }

    public static V1.JobEvent ToProto(JobEvent e) => new()
    {
        Job = JobNames.Format(e.JobId),
        Sequence = e.Sequence,
        Time = Timestamp.FromDateTimeOffset(e.Time),
        Kind = e.Kind switch
        {
            JobEventKind.State => V1.JobEventKind.StateChange,
            JobEventKind.Incumbent => V1.JobEventKind.Incumbent,
            JobEventKind.Log => V1.JobEventKind.Log,
            _ => V1.JobEventKind.Unspecified,
        },
        State = e.State is { } state ? State(state) : V1.JobState.Unspecified,
        ObjectiveUsd = DomainMapping.Finite(e.Objective),
        BestBoundUsd = DomainMapping.Finite(e.BestBound),
        Gap = DomainMapping.Finite(e.Gap),
        Message = e.Message,
    };

    public static V1.JobState State(JobState state) => state switch
    {
        JobState.Queued => V1.JobState.Queued,
        JobState.Running => V1.JobState.Running,
        JobState.Succeeded => V1.JobState.Succeeded,
        JobState.Failed => V1.JobState.Failed,
        JobState.Cancelled => V1.JobState.Cancelled,
        _ => V1.JobState.Unspecified,
    };

    public static bool IsTerminal(JobState state) => state is JobState.Succeeded or JobState.Failed or JobState.Cancelled;
}
