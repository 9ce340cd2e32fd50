using Grpc.Core;
using StockpileOptimizer.Client;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using V1 = StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Cli.Engine;

/// <summary>
/// The engine on a stockpile gRPC server (<c>--server URL</c>), through the .NET client
/// (src/StockpileOptimizer.Client, which retries UNAVAILABLE with backoff). A solve or an
/// analysis runs as a job: started with a request id, its events streamed into the progress
/// display, its result fetched and mapped back to the domain's records, so that every report
/// prints exactly as in process. Ctrl+C cancels the job on the server and still prints its best
/// plan so far, as in process. Failures become the CLI's: unreachable (UNAVAILABLE after the
/// retries, DEADLINE_EXCEEDED, UNAUTHENTICATED, a full queue) → exit 6; INVALID_ARGUMENT →
/// <see cref="InvalidInstanceException"/> with the server's field paths (exit 3); an operation
/// the API has no RPC for → exit 7 naming the command.
/// </summary>
internal sealed partial class RemoteEngine : IEngine
{
    /// <summary>The environment variable holding the API key sent as <c>x-api-key</c> (the server's Server:ApiKey).</summary>
    public const string ApiKeyVariable = "STOCKPILE_API_KEY";

    private readonly StockpileClient client;
    /// <summary>The server as the user gave it, for messages.</summary>
    private readonly string address;

    public RemoteEngine(Uri address, string? apiKey)
    {
        this.address = address.OriginalString;
        client = StockpileClient.Create(new StockpileClientOptions
        {
            Address = address,
            ApiKey = apiKey,
            // A person is waiting: give a server that is restarting a few seconds, no more.
            MaxRetryAttempts = 4,
            RetryBaseDelay = TimeSpan.FromMilliseconds(250),
            RetryMaxDelay = TimeSpan.FromSeconds(2),
        });
    }

    public string Description => address;

    public async Task<IReadOnlyList<Violation>> ValidateAsync(StockpileInstance instance, CancellationToken cancel)
    {
        try
        {
            await Call(() => client.ValidateAsync(DomainMapping.ToProto(instance), cancel), validating: true);
            return [];
        }
        catch (StockpileInvalidRequestException e)
        {
            return Violations(e);
        }
    }

    public async Task<SolveResult> SolveAsync(StockpileInstance instance, SolveOptions options, IProgress<SolveProgress>? progress, CancellationToken cancel)
    {
        if (options.FixedPolicy is not null || options.Hint is not null)
        {
            throw CliException.NotSupported($"--server {address}: a solve with a fixed or hinted policy has no RPC; run without --server");
        }
        var job = await RunJobAsync(
            "solve",
            c => client.StartSolveAsync(DomainMapping.ToProto(instance), null, DomainMapping.ToProto(options.Settings()), c),
            progress is null ? null : new SolveEvents(progress),
            cancel);
        if (job.Result is { } result)
        {
            return DomainMapping.ToDomain(result);
        }
        throw NoResult("solve", job);
    }

    public Task<string> DefaultInstanceJsonAsync(CancellationToken cancel) =>
        Call(async () => (await client.GetDefaultScenarioAsync(cancel)).AnnotatedJson);

    public Task<string> ExportMpsAsync(StockpileInstance instance, CancellationToken cancel) =>
        throw NotSupported("export-mps", "the API has no RPC that returns the model; run export-mps without --server");

    public Task<double> MoneyScaleAsync(StockpileInstance instance, CancellationToken cancel) =>
        throw NotSupported("export-mps", "the API has no RPC that returns the model; run export-mps without --server");

    /// <summary>
    /// Starts a job and follows it to its end (events to <paramref name="progress"/>); Ctrl+C
    /// cancels it on the server and waits for its partial result. Returns the job as GetJob
    /// gives it at the end.
    /// </summary>
    private async Task<V1.Job> RunJobAsync(string command, Func<CancellationToken, Task<V1.Job>> start, IProgress<V1.JobEvent>? progress, CancellationToken cancel)
    {
        var job = await Call(() => start(cancel));
        var ended = await Call(() => client.WaitForJobAsync(job.Name, progress, cancel));
        if (ended.State == V1.JobState.Failed)
        {
            throw new RemoteJobFailedException($"{command} on {address}: the job {ended.Name} failed: {ended.Error}");
        }
        return ended;
    }

    /// <summary>A job that ended without a result: cancelled before it ran, or (for a solve) a server without one to give.</summary>
    private static Exception NoResult(string command, V1.Job job) => job.State == V1.JobState.Cancelled
        ? new OperationCanceledException($"{command}: the job {job.Name} was cancelled before a result ({job.Error})")
        : new RemoteJobFailedException($"{command}: the job {job.Name} ended {job.State} without a result {job.Error}".TrimEnd());

    private CliException NotSupported(string command, string why) =>
        CliException.NotSupported($"{command} --server {address}: not supported in remote mode: {why}");

    private static IReadOnlyList<Violation> Violations(StockpileInvalidRequestException e) =>
        e.Problems.Count > 0 ? [.. e.Problems.Select(p => p.ToViolation())] : [new Violation("", e.Message)];

    /// <summary>Runs a client call and turns its failures into the CLI's (see the class summary).</summary>
    private async Task<T> Call<T>(Func<Task<T>> call, bool validating = false)
    {
        try
        {
            return await call();
        }
        catch (StockpileInvalidRequestException e) when (!validating)
        {
            throw new InvalidInstanceException(Violations(e));
        }
        catch (StockpileUnavailableException e)
        {
            throw CliException.ServerUnreachable(
                $"--server {address}: the server could not be reached ({Plural(e.Attempts, "attempt")}): {Detail(e)}", e);
        }
        catch (StockpileTimeoutException e)
        {
            throw CliException.ServerUnreachable($"--server {address}: the server did not answer in time: {Detail(e)}", e);
        }
        catch (StockpileClientException e) when (e.StatusCode == StatusCode.Unauthenticated)
        {
            throw CliException.ServerUnreachable(
                $"--server {address}: the server refused the call (UNAUTHENTICATED): set {ApiKeyVariable} to its API key", e);
        }
        catch (StockpileClientException e) when (e.StatusCode == StatusCode.ResourceExhausted)
        {
            var later = e.RetryAfter is { } delay ? $"; try again in {delay.TotalSeconds:0} s" : "";
            throw CliException.ServerUnreachable($"--server {address}: the server is busy (its job queue is full){later}", e);
        }
        catch (StockpileClientException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            throw CliException.NotSupported($"--server {address}: the server does not offer {e.Method} (an older server?)");
        }
    }

    private static string Detail(StockpileClientException e) =>
        e.InnerException is RpcException rpc && rpc.Status.Detail.Length > 0 ? rpc.Status.Detail : e.Message;

    private static string Plural(int n, string one) => n == 1 ? $"1 {one}" : $"{n} {one}s";

    /// <summary>A job's events as the progress of a solve: engine phases and state changes as phases, incumbents with their numbers.</summary>
    private sealed class SolveEvents(IProgress<SolveProgress> progress) : IProgress<V1.JobEvent>
    {
        private DateTimeOffset? first;

        public void Report(V1.JobEvent e)
        {
            var time = e.Time?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow;
            first ??= time;
            var elapsed = time - first.Value;
            progress.Report(e.Kind switch
            {
                V1.JobEventKind.Incumbent => new SolveProgress
                {
                    Kind = ProgressKind.Incumbent, Elapsed = elapsed, Message = e.Message,
                    Objective = e.ObjectiveUsd, BestBound = e.BestBoundUsd, Gap = e.Gap,
                },
                V1.JobEventKind.StateChange => new SolveProgress { Kind = ProgressKind.Phase, Elapsed = elapsed, Message = State(e) },
                _ => new SolveProgress { Kind = ProgressKind.Phase, Elapsed = elapsed, Message = e.Message },
            });
        }
    }

    internal static string State(V1.JobEvent e)
    {
        var state = e.State switch
        {
            V1.JobState.Queued => "queued on the server",
            V1.JobState.Running => "running on the server",
            V1.JobState.Succeeded => "done",
            V1.JobState.Failed => "failed",
            V1.JobState.Cancelled => "cancelled",
            _ => e.State.ToString(),
        };
        return e.Message.Length > 0 && e.State != V1.JobState.Queued && e.State != V1.JobState.Running ? $"{state}: {e.Message}" : state;
    }
}

/// <summary>A job the server could not finish (FAILED): exit 1 with the server's reason.</summary>
internal sealed class RemoteJobFailedException(string message) : Exception(message)
{
    public override string ToString() => Message;
}
