using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Server.Jobs;

namespace StockpileOptimizer.Server.Tests.Jobs.Contract;

/// <summary>
/// What every job store promises about the integrity of what it keeps, run on SQLite and on
/// PostgreSQL (<see cref="StoreUnderTest.Kinds"/>): stored JSON is checked against its SHA-256
/// on every read, damage is reported naming the job, rows from before the checksums still read,
/// and a request id names one request.
/// </summary>
public sealed class JobStoreIntegrityContract
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private static NewJob Job(string id, string? requestId = null, SolveOptions? options = null, StockpileInstance? instance = null)
    {
        instance ??= JobInstances.Newsvendor();
        return new(id, new JobSubmission(requestId, ValidatedInstance.Require(instance), options ?? new SolveOptions()), InstanceJson.Fingerprint(instance), T0);
    }

    /// <summary>A finished result whose objective, 735.8, appears once in its JSON.</summary>
    private static SolveResult Result() => new()
    {
        Fingerprint = InstanceJson.Fingerprint(JobInstances.Newsvendor()),
        Solver = new SolverFacts { Termination = Termination.Optimal, Objective = 735.8, BestBound = 735.8, Gap = 0, Message = "optimal" },
    };

    private static async Task Finish(IJobStore store, string id)
    {
        await store.TransitionAsync(id, JobState.Queued, new JobTransition(JobState.Running, T0, "running"), None);
        await store.TransitionAsync(id, JobState.Running, new JobTransition(JobState.Succeeded, T0, "optimal", Result: Result()), None);
    }

    [Theory]
    [MemberData(nameof(StoreUnderTest.Kinds), MemberType = typeof(StoreUnderTest))]
    public async Task One_changed_digit_in_a_stored_result_is_damage_naming_the_job(string kind)
    {
        using var under = new StoreUnderTest(kind);
        await under.Store.InsertAsync(Job("a"), 10, None);
        await Finish(under.Store, "a");
        Assert.Equal(735.8, (await under.Store.GetResultAsync("a", None))!.Solver.Objective);

        // 735.8 → 735.9: still valid JSON, a plausible objective; only the checksum tells.
        under.Change("UPDATE jobs SET result_json = replace(result_json, '735.8', '735.9') WHERE id = @id", "a");
        Assert.Contains("\"objective\":735.9", (string)under.Change("SELECT result_json FROM jobs WHERE id = @id", "a")!);

        var error = await Assert.ThrowsAsync<StoredJobDamagedException>(() => under.Store.GetResultAsync("a", None));
        Assert.Equal("a", error.JobId);
        Assert.Contains("job a", error.Message);
        Assert.Contains("checksum", error.Message);
        // The job itself (state, times) still reads: only its result is lost.
        Assert.Equal(JobState.Succeeded, (await under.Store.GetAsync("a", None))!.State);
    }

    [Theory]
    [MemberData(nameof(StoreUnderTest.Kinds), MemberType = typeof(StoreUnderTest))]
    public async Task A_changed_or_unreadable_submission_is_damage_naming_the_job(string kind)
    {
        using var under = new StoreUnderTest(kind);
        await under.Store.InsertAsync(Job("a", options: new SolveOptions { Seed = 7 }), 10, None);
        await under.Store.InsertAsync(Job("b") with { CreatedAt = T0.AddMinutes(1) }, 10, None);

        under.Change("UPDATE jobs SET options_json = replace(options_json, '\"seed\":7', '\"seed\":8') WHERE id = @id", "a");
        under.Change("UPDATE jobs SET instance_json = @value WHERE id = @id", "b", "{\"countries\": ");

        var changed = await Assert.ThrowsAsync<StoredJobDamagedException>(() => under.Store.GetSubmissionAsync("a", None));
        var broken = await Assert.ThrowsAsync<StoredJobDamagedException>(() => under.Store.GetSubmissionAsync("b", None));
        Assert.Equal(("a", "b"), (changed.JobId, broken.JobId));
        Assert.Contains("checksum", changed.Message);
        Assert.Contains("job b", broken.Message);
    }

    [Theory]
    [MemberData(nameof(StoreUnderTest.Kinds), MemberType = typeof(StoreUnderTest))]
    public async Task Broken_result_json_is_damage_even_without_a_checksum(string kind)
    {
        using var under = new StoreUnderTest(kind);
        await under.Store.InsertAsync(Job("a"), 10, None);
        await Finish(under.Store, "a");

        under.Change("UPDATE jobs SET result_json = @value, result_sha256 = NULL WHERE id = @id", "a", "{\"solver\": [");

        var error = await Assert.ThrowsAsync<StoredJobDamagedException>(() => under.Store.GetResultAsync("a", None));
        Assert.Equal("a", error.JobId);
        Assert.Contains("cannot be read", error.Message);
    }

    /// <summary>
    /// A store of schema version 2 (before checksums) is migrated on open; its rows have no
    /// checksum and read as they are (unchecked: a change made to them cannot be told), and what
    /// is written after the migration is checked.
    /// </summary>
    [Theory]
    [MemberData(nameof(StoreUnderTest.Kinds), MemberType = typeof(StoreUnderTest))]
    public async Task Jobs_stored_before_the_checksums_read_unchecked_after_the_migration(string kind)
    {
        using var under = new StoreUnderTest(kind);
        await under.Store.InsertAsync(Job("old"), 10, None);
        await Finish(under.Store, "old");
        under.DowngradeToVersion2();
        under.Change("UPDATE jobs SET result_json = replace(result_json, '735.8', '735.9') WHERE id = @id", "old");

        Assert.Equal(3L, under.SchemaVersion());
        Assert.Equal(735.9, (await under.Store.GetResultAsync("old", None))!.Solver.Objective);
        Assert.Equal("newsvendor", (await under.Store.GetSubmissionAsync("old", None))!.Instance.Name);

        await under.Store.InsertAsync(Job("new") with { CreatedAt = T0.AddMinutes(1) }, 10, None);
        await Finish(under.Store, "new");
        under.Change("UPDATE jobs SET result_json = replace(result_json, '735.8', '735.9') WHERE id = @id", "new");
        await Assert.ThrowsAsync<StoredJobDamagedException>(() => under.Store.GetResultAsync("new", None));
    }

    [Theory]
    [MemberData(nameof(StoreUnderTest.Kinds), MemberType = typeof(StoreUnderTest))]
    public async Task A_request_id_names_one_request(string kind)
    {
        using var under = new StoreUnderTest(kind);
        var (first, created) = await under.Store.InsertAsync(Job("a", "run-1", new SolveOptions { Seed = 7 }), 10, None);

        var (again, createdAgain) = await under.Store.InsertAsync(Job("b", "run-1", new SolveOptions { Seed = 7 }), 10, None);
        var otherOptions = await Assert.ThrowsAsync<RequestIdConflictException>(
            () => under.Store.InsertAsync(Job("c", "run-1", new SolveOptions { Seed = 8 }), 10, None));
        var otherInstance = await Assert.ThrowsAsync<RequestIdConflictException>(
            () => under.Store.InsertAsync(Job("d", "run-1", new SolveOptions { Seed = 7 }, JobInstances.Newsvendor("other")), 10, None));

        Assert.Equal((true, false), (created, createdAgain));
        Assert.Equal(first, again);
        Assert.Equal(("run-1", "a"), (otherOptions.RequestId, otherOptions.ExistingJobId));
        Assert.StartsWith("requestId \"run-1\" was already used for job a with a different options", otherOptions.Message);
        Assert.Contains("different instance", otherInstance.Message);
        foreach (var id in new[] { "b", "c", "d" })
        {
            Assert.Null(await under.Store.GetAsync(id, None));
        }
    }
}
