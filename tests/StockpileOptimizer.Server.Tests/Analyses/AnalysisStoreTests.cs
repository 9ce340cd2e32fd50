using StockpileOptimizer.TestData;
using Microsoft.Data.Sqlite;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Application;
using StockpileOptimizer.Server.Jobs;
using StockpileOptimizer.Server.Tests.Jobs;
using StockpileOptimizer.Server.Tests.Jobs.Postgres;

namespace StockpileOptimizer.Server.Tests.Analyses;

/// <summary>
/// Analysis jobs in both stores: the spec and the result are kept exactly (JSON with a
/// "kind"), a solve job has neither, and a store made by schema version 1 is migrated in place
/// with its jobs intact.
/// </summary>
public sealed class AnalysisStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly string directory = Path.Combine(Path.GetTempPath(), "stockpile-analysis-store-" + Guid.NewGuid().ToString("N"));
    private readonly Lazy<PostgresTestDatabase> postgres = new(() => new PostgresTestDatabase());

    private string StorePath => Path.Combine(directory, "jobs.db");

    public void Dispose()
    {
        if (postgres.IsValueCreated)
        {
            postgres.Value.Dispose();
        }
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>One spec of each kind, with every field away from its default.</summary>
    internal static AnalysisSpec Spec(string kind) => kind switch
    {
        JobKinds.Cooperation => new CooperationAnalysisSpec { MaxCountries = 3, MaxParallelism = 2 },
        JobKinds.Frontier => new FrontierAnalysisSpec { Parameter = FrontierParameter.RiskWeight, Range = new FrontierRange(0, 2, 5), WarmStart = false },
        _ => new EvaluationAnalysisSpec
        {
            Policy = new Policy { Stockpiles = [new StockpileTarget("A", "m", 30, 3.6)] },
            Samples = 17,
            Seed = -4,
            Distribution = HandInstances.NewsvendorDistribution(),
            Vss = true,
            Evpi = true,
            ConfidenceLevel = 0.9,
            MaxParallelism = 1,
        },
    };

    /// <summary>A real result of each kind, from the engine on the newsvendor (small: one or two solves).</summary>
    internal static AnalysisResult Result(string kind)
    {
        var instance = HandInstances.Newsvendor();
        var solve = AnalysisInstances.ServerSolve();
        return kind switch
        {
            JobKinds.Cooperation => new CooperationAnalysisResult { Result = CooperationAnalysis.Run(HandInstances.Twins(), new CooperationOptions { Solve = solve }) },
            JobKinds.Frontier => new FrontierAnalysisResult
            {
                Result = FrontierAnalysis.Run(instance, new FrontierSpec { Parameter = FrontierParameter.BudgetScale, Values = [0, 1], Solve = solve }),
            },
            _ => new EvaluationAnalysisResult
            {
                Policy = new Policy { Stockpiles = [new StockpileTarget("A", "m", 30, 3.6)] },
                PolicySource = "given",
                SamplesSource = "2 scenarios given with the request",
                OutOfSample = EvaluationAnalysis.Run(instance, new Policy { Stockpiles = [new StockpileTarget("A", "m", 30, 3.6)] }, instance.Scenarios,
                    new EvaluationOptions { Solve = solve }),
                Vss = EvaluationAnalysis.ValueOfStochasticSolution(instance, new EvaluationOptions { Solve = solve }),
                WasCancelled = true,
                Summary = "cancelled before EVPI",
            },
        };
    }

    [Theory]
    [InlineData(JobKinds.Cooperation)]
    [InlineData(JobKinds.Frontier)]
    [InlineData(JobKinds.Evaluation)]
    public void Specs_and_results_round_trip_through_their_json_with_their_kind(string kind)
    {
        var spec = Spec(kind);
        var specJson = JobJson.Write(spec);
        Assert.StartsWith($$"""{"kind":"{{kind}}",""", specJson, StringComparison.Ordinal);
        var readSpec = JobJson.ReadAnalysisSpec(specJson);
        Assert.Equal(kind, readSpec.Kind);
        Assert.Equal(specJson, JobJson.Write(readSpec));

        var result = Result(kind);
        var resultJson = JobJson.Write(result);
        Assert.StartsWith($$"""{"kind":"{{kind}}",""", resultJson, StringComparison.Ordinal);
        var readResult = JobJson.ReadAnalysisResult(resultJson);
        Assert.Equal(kind, readResult.Kind);
        Assert.Equal(result.Cancelled, readResult.Cancelled);
        Assert.Equal(result.Message, readResult.Message);
        Assert.Equal(resultJson, JobJson.Write(readResult));
    }

    [Theory]
    [InlineData(JobKinds.Cooperation)]
    [InlineData(JobKinds.Frontier)]
    [InlineData(JobKinds.Evaluation)]
    public async Task The_sqlite_store_keeps_an_analysis_job_s_spec_and_result(string kind)
    {
        using var store = SqliteJobStore.Open(StorePath);
        await KeepsSpecAndResult(store, kind);
    }

    [Fact]
    public async Task A_sqlite_store_of_schema_version_1_is_migrated_with_its_jobs()
    {
        Directory.CreateDirectory(directory);
        using (var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = SqliteSchema.Version1Tables + $"""
                PRAGMA user_version = 1;
                INSERT INTO jobs (id, request_id, kind, state, created_at, fingerprint, last_sequence, instance_json, options_json)
                VALUES ('old', 'r-old', 'solve', 'QUEUED', '2026-11-23T12:00:00.0000000+00:00', 'fp-old', 1,
                        '{JobJson.Write(HandInstances.Newsvendor())}', '{JobJson.Write(new SolveOptions { Seed = 3 })}');
                INSERT INTO job_events (job_id, sequence, time, kind, state, message)
                VALUES ('old', 1, '2026-11-23T12:00:00.0000000+00:00', 'STATE', 'QUEUED', 'queued');
                """;
            command.ExecuteNonQuery();
        }

        using (var store = SqliteJobStore.Open(StorePath))
        {
            await OldJobStillWorks(store);
            await KeepsSpecAndResult(store, JobKinds.Frontier);
        }
        using var reopened = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        reopened.Open();
        using var version = reopened.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        Assert.Equal((long)SqliteSchema.Version, version.ExecuteScalar());
    }

    [PostgresFact]
    public async Task The_postgres_store_keeps_an_analysis_job_s_spec_and_result()
    {
        foreach (var kind in new[] { JobKinds.Cooperation, JobKinds.Frontier, JobKinds.Evaluation })
        {
            using var store = postgres.Value.Open();
            await KeepsSpecAndResult(store, kind, prefix: kind);
        }
        // A replica's claim reads the spec too.
        using var replica = postgres.Value.Open();
        await replica.InsertAsync(Job("claimed", JobKinds.Evaluation), maxQueued: 10, CancellationToken.None);
        var claimed = await replica.ClaimNextAsync("owner-1", TimeSpan.FromMinutes(1), T0, s => $"running {s.Kind}", CancellationToken.None);
        Assert.Equal(("claimed", JobState.Running), (claimed!.Job.Id, claimed.Job.State));
        Assert.Equal(JobJson.Write(Spec(JobKinds.Evaluation)), JobJson.Write(claimed.Submission!.Analysis!));
    }

    [PostgresFact]
    public async Task A_postgres_store_of_schema_version_1_is_migrated_with_its_jobs()
    {
        var database = postgres.Value;
        // Makes this test's schema, so that the tables below go there, not into the default one.
        _ = database.ConnectionString;
        database.Execute($"""
            CREATE TABLE stockpile_schema (component text PRIMARY KEY, version integer NOT NULL);
            INSERT INTO stockpile_schema VALUES ('jobs', 1);
            {PostgresJobStoreSchema.Version1Tables}
            INSERT INTO jobs (id, request_id, kind, state, created_at, fingerprint, last_sequence, instance_json, options_json)
            VALUES ('old', 'r-old', 'solve', 'QUEUED', '2026-11-23T12:00:00Z', 'fp-old', 1,
                    '{JobJson.Write(HandInstances.Newsvendor())}', '{JobJson.Write(new SolveOptions { Seed = 3 })}');
            INSERT INTO job_events (job_id, sequence, time, kind, state, message)
            VALUES ('old', 1, '2026-11-23T12:00:00Z', 'STATE', 'QUEUED', 'queued');
            """);

        using (var store = database.Open())
        {
            await OldJobStillWorks(store);
            await KeepsSpecAndResult(store, JobKinds.Cooperation);
        }
        using var again = database.Open();
        Assert.Equal(PostgresJobStoreSchema.Version, database.Execute("SELECT version FROM stockpile_schema WHERE component = 'jobs'"));
        Assert.Equal(1L, database.Execute("SELECT count(*) FROM stockpile_schema"));
    }

    private static NewJob Job(string id, string kind) =>
        new(id, JobSubmission.For("req-" + id, ValidatedInstance.Require(HandInstances.Newsvendor()), new SolveOptions { Seed = 5 }, Spec(kind)), "fp-" + id, T0);

    private static async Task KeepsSpecAndResult(IJobStore store, string kind, string prefix = "")
    {
        var id = (prefix.Length > 0 ? prefix + "-" : "") + "a";
        var (job, created) = await store.InsertAsync(Job(id, kind), maxQueued: 10, CancellationToken.None);
        Assert.True(created);
        Assert.Equal(kind, job.Kind);

        var submission = await store.GetSubmissionAsync(id, CancellationToken.None);
        Assert.Equal(kind, submission!.Kind);
        Assert.Equal(JobJson.Write(Spec(kind)), JobJson.Write(submission.Analysis!));
        Assert.Equal(new SolveOptions { Seed = 5 }, submission.Options);
        Assert.Null(await store.GetAnalysisResultAsync(id, CancellationToken.None));

        var result = Result(kind);
        await store.TransitionAsync(id, JobState.Queued, new JobTransition(JobState.Running, T0, "running"), CancellationToken.None);
        var done = await store.TransitionAsync(
            id, JobState.Running, new JobTransition(JobState.Cancelled, T0.AddSeconds(1), result.Message, Analysis: result), CancellationToken.None);
        Assert.Equal(JobState.Cancelled, done!.Value.Job.State);
        Assert.Equal(result.Message, done.Value.Event.Message);

        Assert.Equal(JobJson.Write(result), JobJson.Write((await store.GetAnalysisResultAsync(id, CancellationToken.None))!));
        Assert.Null(await store.GetResultAsync(id, CancellationToken.None));
        Assert.Null(await store.GetAnalysisResultAsync("nope", CancellationToken.None));
    }

    private static async Task OldJobStillWorks(IJobStore store)
    {
        var old = await store.GetSubmissionAsync("old", CancellationToken.None);
        Assert.Equal((JobKinds.Solve, "r-old", 3), (old!.Kind, old.RequestId, old.Options.Seed));
        Assert.Null(old.Analysis);
        Assert.Null(await store.GetAnalysisResultAsync("old", CancellationToken.None));
        Assert.Equal(["queued"], (await store.GetEventsAsync("old", 0, CancellationToken.None)).Select(e => e.Message));
        var running = await store.TransitionAsync("old", JobState.Queued, new JobTransition(JobState.Running, T0, "running"), CancellationToken.None);
        Assert.Equal(2, running!.Value.Event.Sequence);
    }
}

/// <summary>The job service's own checks of a submission's kind and spec.</summary>
public sealed class AnalysisSubmissionTests
{
    [Fact]
    public async Task A_kind_and_spec_that_do_not_match_are_refused_before_anything_is_stored()
    {
        await using var harness = JobHarness.Create();
        var instance = HandInstances.Newsvendor();
        var options = new SolveOptions();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Service.SubmitAsync(new JobSubmission(null, ValidatedInstance.Require(instance), options, JobKinds.Frontier), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Service.SubmitAsync(new JobSubmission(null, ValidatedInstance.Require(instance), options, JobKinds.Frontier, new CooperationAnalysisSpec()), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Service.SubmitAsync(new JobSubmission(null, ValidatedInstance.Require(instance), options, JobKinds.Solve, new CooperationAnalysisSpec()), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Service.SubmitAsync(new JobSubmission(null, ValidatedInstance.Require(instance), options, "optimise"), CancellationToken.None));

        Assert.Empty((await harness.Service.ListAsync(null, 10, null, CancellationToken.None)).Jobs);
    }

    [Fact]
    public void An_analysis_outcome_is_succeeded_cancelled_with_its_partial_result_or_failed()
    {
        var now = DateTimeOffset.UtcNow;
        var done = new FrontierAnalysisResult { Result = new FrontierResult { Message = "2 of 2 points solved" } };
        var partial = new FrontierAnalysisResult { Result = new FrontierResult { Cancelled = true, Message = "cancelled; 1 of 2 points solved" } };

        Assert.Equal((JobState.Succeeded, "2 of 2 points solved", done), Tuple(JobOutcomes.Analysis(now, done, null)));
        Assert.Equal((JobState.Cancelled, "cancelled; 1 of 2 points solved", partial), Tuple(JobOutcomes.Analysis(now, partial, null)));
        var failed = JobOutcomes.Analysis(now, null, new AnalysisFailedException("no policy to evaluate"));
        Assert.Equal((JobState.Failed, "no policy to evaluate"), (failed.To, failed.Error));
        Assert.Equal(JobState.Cancelled, JobOutcomes.Analysis(now, null, new OperationCanceledException()).To);

        static (JobState, string, AnalysisResult?) Tuple(JobTransition t) => (t.To, t.Message, t.Analysis);
    }
}
