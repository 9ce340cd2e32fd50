using StockpileOptimizer.Contracts.Mapping;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;
using StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Client.Tests;

/// <summary>Runs the hosts one at a time: retry and deadline timings must not depend on what else runs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostCollection
{
    public const string Name = "host";
}

/// <summary>The client against the real host on Kestrel, registered through the gRPC client factory as a service would.</summary>
[Collection(HostCollection.Name)]
public sealed class ClientTests
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);

    /// <summary>A client from dependency injection (AddStockpileClient), quick to retry, with <paramref name="interceptor"/> on its channel.</summary>
    private static ServiceProvider Services(Uri address, Action<StockpileClientOptions>? tweak = null, Interceptor? interceptor = null)
    {
        var services = new ServiceCollection();
        services.AddStockpileClient(
            o =>
            {
                o.Address = address;
                o.MaxRetryAttempts = 10;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
                o.RetryMaxDelay = TimeSpan.FromSeconds(1);
                tweak?.Invoke(o);
            },
            grpc =>
            {
                if (interceptor is not null)
                {
                    grpc.AddInterceptor(() => interceptor);
                }
            });
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Solves_the_newsvendor_in_one_call_and_as_a_job()
    {
        await using var host = KestrelHost.Start();
        await using var services = Services(host.Address);
        var client = services.GetRequiredService<StockpileClient>();

        var result = await client.SolveAsync(Instances.Newsvendor(), TimeLimit);

        Assert.Equal(Termination.Optimal, result.Solver.Termination);
        Assert.Equal(720, result.Solver.ObjectiveUsd!.Value, 6);
        var stockpile = Assert.Single(result.Policy.Stockpiles);
        Assert.Equal(("A", "m"), (stockpile.Country, stockpile.Material));
        Assert.Equal(60, stockpile.Tonnes, 6);
        Assert.Equal(0, result.Kpis.ExpectedShortageTonnes, 6);

        var events = new List<JobEvent>();
        var job = await client.RunSolveAsync(Instances.Newsvendor(), progress: new Collect(events));
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(720, job.Result.Solver.ObjectiveUsd!.Value, 6);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(JobState.Succeeded, events[^1].State);
        Assert.Equal(job.LastSequence, events[^1].Sequence);

        var domain = DomainMapping.ToDomain(job.Result);
        Assert.Equal(60, domain.Policy!.Stockpiles[0].Tonnes, 6);
    }

    [Fact]
    public async Task A_call_made_while_the_host_is_down_succeeds_once_it_is_up()
    {
        // A host started on port 0 and stopped: its port is the one the client calls, and is down.
        var earlier = KestrelHost.Start();
        var port = earlier.Port;
        await earlier.DisposeAsync();
        var retries = 0;
        var retrying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = new CountingInterceptor();
        await using var services = Services(new Uri($"http://127.0.0.1:{port}"), o =>
        {
            // Retries enough for the host to come up whatever the machine's speed.
            o.MaxRetryAttempts = 1000;
            o.OnRetry = _ =>
            {
                if (Interlocked.Increment(ref retries) >= 4)
                {
                    retrying.TrySetResult();
                }
            };
        }, counter);
        var client = services.GetRequiredService<StockpileClient>();

        // Nobody listens: the first attempts are refused (UNAVAILABLE) and retried with backoff.
        var solve = client.SolveAsync(Instances.Newsvendor(), TimeLimit);
        var start = client.StartSolveAsync(Instances.Newsvendor());
        await retrying.Task; // both calls have been refused and retried (an event, not a wait)
        Assert.False(solve.IsCompleted, "the call should still be retrying while the host is down");
        Assert.False(start.IsCompleted);

        await using var host = KestrelHost.Start(port);
        var result = await solve;
        var job = await start;

        Assert.Equal(720, result.Solver.ObjectiveUsd!.Value, 6);
        Assert.True(retries >= 2, $"expected retries, saw {retries}");
        Assert.True(counter["Solve"] >= 2);
        // Every attempt of the one StartSolve carried the same request_id: one job.
        var ids = counter.StartSolveRequestIds.ToArray();
        Assert.True(ids.Length >= 2);
        Assert.Single(ids.Distinct());
        Assert.Equal(ids[0], job.RequestId);
        var listed = await client.ListJobsAsync();
        Assert.Single(listed.Jobs, j => j.RequestId == ids[0]);
    }

    [Fact]
    public async Task A_bad_request_is_not_retried_and_names_the_field()
    {
        await using var host = KestrelHost.Start();
        var counter = new CountingInterceptor();
        await using var services = Services(host.Address, interceptor: counter);
        var client = services.GetRequiredService<StockpileClient>();

        var e = await Assert.ThrowsAsync<StockpileInvalidRequestException>(() => client.SolveAsync(Instances.Newsvendor(budgetUsd: -1), TimeLimit));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(e.Problems, p => p.Field == "countries[0].budgetUsd");
        Assert.Equal(1, e.Attempts);
        Assert.Equal(1, counter["Solve"]);

        var validate = await Assert.ThrowsAsync<StockpileInvalidRequestException>(() => client.ValidateAsync(Instances.Newsvendor(budgetUsd: -1)));
        Assert.Contains(validate.Problems, p => p.Field == "countries[0].budgetUsd");
        Assert.Equal(1, counter["ValidateScenario"]);
    }

    [Fact]
    public async Task A_host_that_stays_down_is_retried_as_configured_then_reported_unavailable()
    {
        var counter = new CountingInterceptor();
        var (holder, refusing) = KestrelHost.Refusing();
        using var held = holder;
        await using var services = Services(refusing, o =>
        {
            o.MaxRetryAttempts = 3;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
        }, counter);
        var client = services.GetRequiredService<StockpileClient>();

        var e = await Assert.ThrowsAsync<StockpileUnavailableException>(() => client.GetDefaultScenarioAsync());

        Assert.Equal(4, e.Attempts);
        Assert.Equal(4, counter["GetDefaultScenario"]);
        Assert.Contains("unavailable after 4 attempts", e.Message);
    }

    [Fact]
    public async Task A_call_past_its_deadline_fails_with_a_timeout_and_is_not_retried()
    {
        // The server never answers GetDefaultScenario: the call can only end by the client's 0.5 s deadline.
        var gaveUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = KestrelHost.Start(services: s => s.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<SilentDefaultInterceptor>(gaveUp)));
        var counter = new CountingInterceptor();
        await using var services = Services(host.Address, o => o.CallTimeout = TimeSpan.FromMilliseconds(500), counter);
        var client = services.GetRequiredService<StockpileClient>();

        var e = await Assert.ThrowsAsync<StockpileTimeoutException>(() => client.GetDefaultScenarioAsync());

        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(500), e.Timeout);
        Assert.Equal(1, counter["GetDefaultScenario"]);
        Assert.Contains("did not answer within its deadline of 0.5 s", e.Message);
        // The deadline travelled with the call: the server saw its caller give up (waited on, no clock).
        await gaveUp.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Watch_resumes_after_a_dropped_stream_from_the_last_sequence()
    {
        await using var host = KestrelHost.Start();
        await using var plain = Services(host.Address);
        var job = await plain.GetRequiredService<StockpileClient>().RunSolveAsync(Instances.Newsvendor());
        Assert.True(job.LastSequence >= 3, $"only {job.LastSequence} events");

        var breaker = new StreamBreaker(after: 2);
        await using var services = Services(host.Address, interceptor: breaker);
        var client = services.GetRequiredService<StockpileClient>();
        var events = new List<JobEvent>();
        await foreach (var e in client.WatchAsync(job.Name))
        {
            events.Add(e);
        }

        Assert.Equal(Enumerable.Range(1, (int)job.LastSequence).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal([0L, 2L], breaker.AfterSequences.ToArray());
        Assert.Equal(JobState.Succeeded, events[^1].State);

        // Watching a finished job from its end gives nothing and ends at once.
        Assert.Empty(await client.WatchAsync(job.Name, job.LastSequence).ToListAsync());
    }

    [Fact]
    public async Task Watch_follows_a_job_across_a_restart_of_the_host()
    {
        var data = Directory.CreateTempSubdirectory("stockpile-client-restart-").FullName;
        try
        {
            var first = KestrelHost.Start(dataDirectory: data);
            var port = first.Port; // the restart listens where the client already calls
            KestrelHost? second = null;
            await using var services = Services(first.Address);
            var client = services.GetRequiredService<StockpileClient>();
            var options = new SolveOptions { TimeLimit = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(60)) };
            var job = await client.StartSolveAsync(Instances.Large(), solveOptions: options);

            var events = new List<JobEvent>();
            long restartedAfter = 0;
            var cancelled = false;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));
            await foreach (var e in client.WatchAsync(job.Name, 0, timeout.Token))
            {
                events.Add(e);
                if (second is null && e.State == JobState.Running)
                {
                    // Stop the host mid-solve (the solve goes back to the queue) and start it again.
                    restartedAfter = e.Sequence;
                    await first.DisposeAsync();
                    second = KestrelHost.Start(port, data);
                }
                else if (second is not null && !cancelled && e.Sequence > restartedAfter)
                {
                    cancelled = true;
                    await client.CancelAsync(job.Name);
                }
            }
            if (second is not null)
            {
                await second.DisposeAsync();
            }

            Assert.NotNull(second);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
            Assert.Contains(events, e => e.Sequence > restartedAfter);
            Assert.True(StockpileClient.IsTerminal(events[^1].State), $"last event: {events[^1]}");
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A closing SQLite handle; the OS cleans temp later.
            }
        }
    }

    [Fact]
    public async Task Sends_the_api_key_the_server_asks_for()
    {
        await using var host = KestrelHost.Start(settings: new Dictionary<string, string?> { ["Server:ApiKey"] = "s3cret" });
        await using var without = Services(host.Address);
        var e = await Assert.ThrowsAsync<StockpileClientException>(() => without.GetRequiredService<StockpileClient>().GetDefaultScenarioAsync());
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Equal(1, e.Attempts);

        await using var with = Services(host.Address, o => o.ApiKey = "s3cret");
        var response = await with.GetRequiredService<StockpileClient>().GetDefaultScenarioAsync();
        Assert.NotEmpty(response.Instance.Countries);
    }

    [Fact]
    public async Task Create_makes_a_working_client_without_dependency_injection()
    {
        await using var host = KestrelHost.Start();
        using var client = StockpileClient.Create(new StockpileClientOptions { Address = host.Address });
        var result = await client.SolveAsync(Instances.Newsvendor(), TimeLimit);
        Assert.Equal(720, result.Solver.ObjectiveUsd!.Value, 6);

        Assert.Throws<ArgumentException>(() => StockpileClient.Create(new StockpileClientOptions()));
    }

    private sealed class Collect(List<JobEvent> events) : IProgress<JobEvent>
    {
        public void Report(JobEvent value) => events.Add(value);
    }
}
