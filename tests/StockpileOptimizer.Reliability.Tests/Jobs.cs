using Grpc.Core;

namespace StockpileOptimizer.Reliability.Tests;

/// <summary>Client-side job helpers.</summary>
internal static class Jobs
{
    public static bool IsTerminal(V1.JobState state) => state is V1.JobState.Succeeded or V1.JobState.Failed or V1.JobState.Cancelled;

    /// <summary>Polls GetJob until the job is SUCCEEDED, FAILED or CANCELLED.</summary>
    public static async Task<V1.Job> WaitUntilEnded(V1.StockpileService.StockpileServiceClient client, string name, TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        while (true)
        {
            var job = await client.GetJobAsync(new V1.GetJobRequest { Name = name }, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)));
            if (IsTerminal(job.State))
            {
                return job;
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{name} is still {job.State} after {patience}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Every event after <paramref name="after"/> until the stream ends at a terminal state.</summary>
    public static async Task<List<V1.JobEvent>> WatchToEnd(V1.StockpileService.StockpileServiceClient client, string name, long after, TimeSpan patience)
    {
        using var call = client.WatchJob(new V1.WatchJobRequest { Name = name, AfterSequence = after }, new CallOptions(deadline: DateTime.UtcNow + patience));
        var events = new List<V1.JobEvent>();
        await foreach (var e in call.ResponseStream.ReadAllAsync())
        {
            events.Add(e);
        }
        return events;
    }

    /// <summary>Watches until the job is RUNNING; returns that event.</summary>
    public static async Task<V1.JobEvent> WaitUntilRunning(V1.StockpileService.StockpileServiceClient client, string name, TimeSpan patience)
    {
        using var cancel = new CancellationTokenSource(patience);
        using var call = client.WatchJob(new V1.WatchJobRequest { Name = name }, cancellationToken: cancel.Token);
        await foreach (var e in call.ResponseStream.ReadAllAsync(cancel.Token))
        {
            if (e.Kind == V1.JobEventKind.StateChange && e.State == V1.JobState.Running)
            {
                return e;
            }
            if (IsTerminal(e.State) && e.Kind == V1.JobEventKind.StateChange)
            {
                throw new InvalidOperationException($"{name} ended {e.State} before it was seen running: {e.Message}");
            }
        }
        throw new InvalidOperationException($"the watch of {name} ended before RUNNING");
    }

    /// <summary>Every job of the server, through every page of ListJobs.</summary>
    public static async Task<List<V1.Job>> ListAll(V1.StockpileService.StockpileServiceClient client)
    {
        var jobs = new List<V1.Job>();
        var token = "";
        do
        {
            var page = await client.ListJobsAsync(new V1.ListJobsRequest { PageSize = 1000, PageToken = token }, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60)));
            jobs.AddRange(page.Jobs);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return jobs;
    }
}
