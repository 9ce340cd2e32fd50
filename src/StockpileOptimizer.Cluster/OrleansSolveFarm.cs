using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using StockpileOptimizer.Cluster.Grains;
using System.Text.Json;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Sampling;

namespace StockpileOptimizer.Cluster;

/// <summary>
/// The many solves on an Orleans cluster. Subproblems: batch i of a problem is the grain
/// "{problemId}/{i}" (<see cref="IScenarioBatchGrain"/>), spread over the silos that host
/// batches, keeping its warm LP between calls. The first call of a batch sends its instance
/// JSON (Prepare); later calls send only the point (Solve), and when the activation answers
/// "not prepared" (its silo died and it was placed again) the JSON is sent again. A call lost
/// with a silo (<see cref="OrleansException"/>, e.g. SiloUnavailableException once the
/// silo is declared dead, or a <see cref="TimeoutException"/>) is retried with back-off, at
/// most <c>attempts</c> calls in all; then the solve fails with a <see cref="SubproblemFarmException"/>
/// naming the batch. Errors of the solve itself (a point of the wrong length) are not retried.
/// Cancelling ends the wait at once with an <see cref="OperationCanceledException"/>; the grain
/// is told and stops its LP. Evaluation batches and whole solves go to one-shot grains
/// (<see cref="ISolveWorkGrain"/>) with their JSON, retried the same way. At most
/// <see cref="Parallelism"/> pieces of work are in flight at once.
/// </summary>
public sealed partial class OrleansSolveFarm : ISolveFarm, IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly IGrainFactory grains;
    private readonly int attempts;
    private readonly ILogger log;
    private readonly SemaphoreSlim slots;
    /// <summary>Batches this farm has sent the JSON of (so it sends only the point next time).</summary>
    private readonly ConcurrentDictionary<string, byte> sent = new();

    /// <param name="grains">The grain factory of the host's silo, or of a client of the cluster.</param>
    /// <param name="parallelism">Batches in flight at once (at least 1).</param>
    /// <param name="attempts">Calls of one batch before giving up (at least 1).</param>
    /// <param name="log">Where retries are logged.</param>
    public OrleansSolveFarm(IGrainFactory grains, int parallelism, int attempts = 10, ILogger<OrleansSolveFarm>? log = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        this.grains = grains;
        this.attempts = Math.Max(1, attempts);
        this.log = log ?? (ILogger)NullLogger.Instance;
        Parallelism = Math.Max(1, parallelism);
        slots = new SemaphoreSlim(Parallelism, Parallelism);
    }

    public int Parallelism { get; }

    /// <summary>Calls that were retried after a lost silo or a timeout, since the farm was made.</summary>
    public int Retries => retries;

    private int retries;

    /// <summary>Batches sent with their instance JSON (a first call, or an activation that had lost its worker), since the farm was made.</summary>
    public int Preparations => preparations;

    private int preparations;

    public async Task<BatchAnswer> SolveAsync(BatchWork work, double[]? point, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(work);
        var key = BatchKey.Of(work.ProblemId, work.Index);
        return (await WithRetriesAsync(key, () => CallAsync(key, Grain(key), work, point, cancel), cancel).ConfigureAwait(false)).ToAnswer();
    }

    public async Task<IReadOnlyList<RecourseOutcome>> EvaluateAsync(BatchWork work, SolveOptions options, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(work);
        var key = BatchKey.Of(work.ProblemId, work.Index);
        var batch = work.ToJson();
        var settings = JsonSerializer.Serialize(options, InstanceJson.Options);
        var json = await WithRetriesAsync(key, () => Work(key).Evaluate(batch, settings, cancel), cancel).ConfigureAwait(false);
        return JsonSerializer.Deserialize<RecourseOutcome[]>(json, InstanceJson.Options) ?? [];
    }

    public async Task<SolveResult> SolveAsync(StockpileInstance instance, SolveOptions options, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(instance);
        // One-shot keys: a fresh id, numbered so that consecutive solves go to different silos.
        var key = BatchKey.Of(solveIds, Interlocked.Increment(ref solves));
        var payload = InstanceJson.Write(instance);
        var settings = JsonSerializer.Serialize(options, InstanceJson.Options);
        var json = await WithRetriesAsync(key, () => Work(key).Solve(payload, settings, cancel), cancel).ConfigureAwait(false);
        return JsonSerializer.Deserialize<SolveResult>(json, InstanceJson.Options) ?? throw new SubproblemFarmException($"solve {key}: an empty answer", null);
    }

    private readonly string solveIds = Guid.NewGuid().ToString("N");
    private int solves;

    /// <summary>
    /// One call within the farm's slots, repeated with back-off while the cluster loses it (a
    /// silo gone, no answer in time), at most <c>attempts</c> calls; the solve's own errors and
    /// cancellation end it at once.
    /// </summary>
    private async Task<T> WithRetriesAsync<T>(string key, Func<Task<T>> call, CancellationToken cancel)
    {
        await slots.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await call().ConfigureAwait(false);
                }
                catch (Exception e) when (IsLost(e) && !cancel.IsCancellationRequested)
                {
                    if (attempt >= attempts)
                    {
                        throw new SubproblemFarmException(
                            $"batch {key}: no answer from the cluster after {attempts} calls; the last failed with {e.GetType().Name}: {e.Message}", e);
                    }
                    Interlocked.Increment(ref retries);
                    var wait = Backoff(attempt);
                    log.CallLost(key, attempt, attempts, e.GetType().Name, wait.TotalSeconds);
                    await Task.Delay(wait, cancel).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            slots.Release();
        }
    }

    public async Task ReleaseAsync(string problemId, int batches)
    {
        ArgumentNullException.ThrowIfNull(problemId);
        var releases = Enumerable.Range(0, Math.Max(0, batches)).Select(async i =>
        {
            var key = BatchKey.Of(problemId, i);
            sent.TryRemove(key, out _);
            try
            {
                await Grain(key).Release().ConfigureAwait(false);
            }
            catch (Exception e) when (IsLost(e))
            {
                // Its silo is gone, and the worker with it.
                log.ReleaseLost(key, e.GetType().Name);
            }
        });
        await Task.WhenAll(releases).ConfigureAwait(false);
    }

    public void Dispose() => slots.Dispose();

    private ISolveWorkGrain Work(string key)
    {
        try
        {
            return grains.GetGrain<ISolveWorkGrain>(key);
        }
        catch (ArgumentException e)
        {
            throw new SiloUnavailableException($"no silo of the cluster hosts solves ({e.Message})", e);
        }
    }

    /// <summary>The batch's grain; while no silo of the cluster has the grain class (none hosts batches, or none has joined yet) that is a lost call.</summary>
    private IScenarioBatchGrain Grain(string key)
    {
        try
        {
            return grains.GetGrain<IScenarioBatchGrain>(key);
        }
        catch (ArgumentException e)
        {
            throw new SiloUnavailableException($"no silo of the cluster hosts scenario batches ({e.Message})", e);
        }
    }

    /// <summary>Point only when the batch was sent before and its activation still has it; else the batch's JSON with the point.</summary>
    private async Task<BatchReply> CallAsync(string key, IScenarioBatchGrain grain, BatchWork work, double[]? point, CancellationToken cancel)
    {
        if (sent.ContainsKey(key))
        {
            var reply = await grain.Solve(point, cancel).ConfigureAwait(false);
            if (reply.Prepared)
            {
                return reply;
            }
        }
        Interlocked.Increment(ref preparations);
        var prepared = await grain.Prepare(work.ToJson(), point, cancel).ConfigureAwait(false);
        sent.TryAdd(key, 0);
        return prepared;
    }

    /// <summary>Failures of the cluster rather than of the solve: a silo lost, a message rejected, no answer in time.</summary>
    internal static bool IsLost(Exception e) => e is OrleansException or TimeoutException;

    /// <summary>0.2 s, 0.4 s, 0.8 s, … at most 5 s.</summary>
    internal static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, 0.2 * Math.Pow(2, attempt - 1)));}

/// <summary>A batch the cluster could not solve: its silos kept failing until the farm gave up.</summary>
public sealed class SubproblemFarmException(string message, Exception? inner) : Exception(message, inner);
