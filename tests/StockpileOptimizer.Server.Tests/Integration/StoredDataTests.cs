using System.Text.RegularExpressions;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using StockpileOptimizer.Server.Hosting;
using StockpileOptimizer.Server.Jobs;

namespace StockpileOptimizer.Server.Tests.Integration;

/// <summary>
/// The real host over a job store changed behind its back (docs/reliability.md, "Findings"):
/// a changed digit or broken JSON in a stored result is DATA_LOSS naming the job, and a store
/// file that is empty or not SQLite stops the server at start with one line.
/// </summary>
[Collection(HostCollection.Name)]
public sealed partial class StoredDataTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("stockpile-stored-data-test-").FullName;

    private string StorePath => Path.Combine(directory, "jobs.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Solves the tiny instance to its end on a host over the test's directory, then stops the host; returns the job's name.</summary>
    private async Task<string> SolvedJob()
    {
        await using var host = new StockpileHost(dataDirectory: directory);
        var job = await host.Client.StartSolveAsync(Jobs.Start(TestInstances.Tiny(), TimeSpan.FromSeconds(30)));
        Assert.Equal(V1.JobState.Succeeded, (await Jobs.WatchToEnd(host.Client, job.Name))[^1].State);
        return job.Name;
    }

    /// <summary>Changes the stored result of the job with SQL while no host holds the file.</summary>
    private void ChangeResult(string name, Func<string, string> change)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = StorePath, Pooling = false }.ToString());
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT result_json FROM jobs WHERE id = $id";
        read.Parameters.AddWithValue("$id", name["jobs/".Length..]);
        var json = (string)read.ExecuteScalar()!;
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE jobs SET result_json = $json WHERE id = $id";
        write.Parameters.AddWithValue("$id", name["jobs/".Length..]);
        write.Parameters.AddWithValue("$json", change(json));
        Assert.Equal(1, write.ExecuteNonQuery());
    }

    private static void AssertDataLoss(RpcException error, string name)
    {
        Assert.Equal(StatusCode.DataLoss, error.StatusCode);
        Assert.Contains($"the stored data of job {name} is damaged", error.Status.Detail);
        Assert.Equal(name, error.GetRpcStatus()!.GetDetail<ResourceInfo>()!.ResourceName);
        Assert.True(ErrorTrailer.Size(error) < ErrorTrailer.ClientLimit);
    }

    [Fact]
    public async Task One_changed_digit_in_a_stored_objective_is_data_loss_naming_the_job()
    {
        var name = await SolvedJob();
        double? objective;
        await using (var before = new StockpileHost(dataDirectory: directory))
        {
            objective = (await before.Client.GetJobAsync(new V1.GetJobRequest { Name = name })).Result.Solver.ObjectiveUsd;
        }
        // The first digit of the solver's objective, changed to another digit: valid JSON, a plausible number.
        ChangeResult(name, json => ObjectiveDigit().Replace(json, m => m.Groups[1].Value + (m.Groups[2].Value == "1" ? "2" : "1"), 1));

        await using var host = new StockpileHost(dataDirectory: directory);
        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client.GetJobAsync(new V1.GetJobRequest { Name = name }).ResponseAsync);

        AssertDataLoss(error, name);
        Assert.NotNull(objective); // before the change the result read, with an objective
        // The job's listing (no result) still answers: only the stored result is lost.
        var listed = await host.Client.ListJobsAsync(new V1.ListJobsRequest());
        Assert.Equal(V1.JobState.Succeeded, listed.Jobs.Single(j => j.Name == name).State);
    }

    [Fact]
    public async Task Broken_json_in_a_stored_result_is_data_loss_naming_the_job()
    {
        var name = await SolvedJob();
        ChangeResult(name, json => json[..(json.Length / 2)]);

        await using var host = new StockpileHost(dataDirectory: directory);
        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client.GetJobAsync(new V1.GetJobRequest { Name = name }).ResponseAsync);

        AssertDataLoss(error, name);
    }

    [Theory]
    [InlineData(0, "is an empty file (0 bytes), not a SQLite database")]
    [InlineData(100, "is not a SQLite database or is damaged")]
    public void A_store_file_that_is_empty_or_not_sqlite_stops_the_server_at_start_with_one_line(int bytes, string reason)
    {
        File.WriteAllBytes(StorePath, Enumerable.Repeat((byte)'x', bytes).ToArray());

        // The host opens its store this way at start (JobsServiceCollectionExtensions) and Program
        // prints StartupFailure's line and exits 1; the process itself is run by the reliability
        // suite (StoreStartupTests), as the in-memory test host does not exit.
        var error = Record.Exception(() => SqliteJobStore.Open(StorePath));

        var line = StartupFailure.Describe(error!);
        Assert.IsType<JobStoreException>(error);
        Assert.NotNull(line);
        Assert.StartsWith($"stockpile server: cannot start: the job store {StorePath} {reason}", line);
        Assert.DoesNotContain('\n', line);
        Assert.Equal(bytes, new FileInfo(StorePath).Length); // left as it was
    }

    [GeneratedRegex("(\"solver\":\\{[^}]*?\"objective\":-?)([0-9])")]
    private static partial Regex ObjectiveDigit();
}
