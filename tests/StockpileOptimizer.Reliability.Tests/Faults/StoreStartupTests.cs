using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using StockpileOptimizer.Reliability.Tests.Hosting;

namespace StockpileOptimizer.Reliability.Tests.Faults;

/// <summary>
/// A job store the server cannot trust stops it at start-up with a clear error (non-zero
/// exit, a message naming the file) and leaves the file exactly as it was: garbage, a damaged
/// or truncated database, or a file locked by another live process (a second server, or any
/// process holding SQLite's lock).
/// </summary>
public sealed class StoreStartupTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ExitPatience = TimeSpan.FromSeconds(60);

    public enum Damage
    {
        Garbage,
        Damaged,
        Truncated,
    }

    [Theory]
    [InlineData(Damage.Garbage)]
    [InlineData(Damage.Damaged)]
    [InlineData(Damage.Truncated)]
    public async Task A_corrupt_store_stops_the_start_with_a_message_naming_the_file_and_is_left_unchanged(Damage damage)
    {
        var directory = Directory.CreateTempSubdirectory("stockpile-store-").FullName;
        try
        {
            var path = Path.Combine(directory, "jobs.db");
            if (damage == Damage.Garbage)
            {
                var garbage = new byte[16 * 1024];
                new Random(42).NextBytes(garbage);
                await File.WriteAllBytesAsync(path, garbage);
            }
            else
            {
                await WriteRealStore(directory);
                var bytes = await File.ReadAllBytesAsync(path);
                Assert.True(bytes.Length > 8192, $"the store is only {bytes.Length} B");
                if (damage == Damage.Damaged)
                {
                    // Keep the header page; every b-tree page after it becomes noise.
                    new Random(7).NextBytes(bytes.AsSpan(4096));
                }
                else
                {
                    bytes = bytes[..(bytes.Length / 2 + 100)];
                }
                await File.WriteAllBytesAsync(path, bytes);
            }
            var before = Hash(path);
            var filesBefore = Directory.GetFiles(directory).Order().ToList();

            var clock = Stopwatch.StartNew();
            await using var server = ServerProcess.Start(directory);
            var exit = await server.WaitForExitAsync(ExitPatience);

            Assert.True(exit is not null, $"the server did not stop on a {damage} store:\n{server.Output}");
            AssertStoppedCleanly(exit, server.Output);
            Assert.Contains(path, server.Output, StringComparison.Ordinal);
            Assert.Matches("not a SQLite database|damaged|malformed", server.Output);
            Assert.Equal(before, Hash(path));
            Assert.Equal(filesBefore, Directory.GetFiles(directory).Order().ToList());
            Figures.Write(output, $"store-{damage.ToString().ToLowerInvariant()}", $"{damage} store: exit code {exit} after " +
                $"{Figures.F(clock.Elapsed.TotalSeconds, "0.0")} s, file unchanged; message: \"{FirstLineNaming(server.Output, path)}\"");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// A second server on a data directory that a live server uses stops with "locked"; the
    /// first goes on serving with its jobs, and once it has stopped the directory opens again
    /// with nothing lost.
    /// </summary>
    [Fact]
    public async Task A_store_locked_by_a_live_server_stops_a_second_one_and_loses_nothing()
    {
        var directory = Directory.CreateTempSubdirectory("stockpile-store-").FullName;
        try
        {
            var path = Path.Combine(directory, "jobs.db");
            string name;
            string second;
            int? exit;
            await using (var first = await ServerProcess.StartServingAsync(directory))
            {
                name = (await first.Client.StartSolveAsync(new V1.StartSolveRequest { Instance = GoodRequest.Newsvendor().Instance })).Name;
                await Jobs.WaitUntilEnded(first.Client, name, TimeSpan.FromSeconds(60));

                await using var rival = ServerProcess.Start(directory);
                exit = await rival.WaitForExitAsync(ExitPatience);
                second = rival.Output;
                Assert.True(exit is not null, $"a second server on a locked store did not stop:\n{second}");
                AssertStoppedCleanly(exit, second);
                Assert.Contains(path, second, StringComparison.Ordinal);
                Assert.Contains("locked", second, StringComparison.Ordinal);

                Assert.Equal(V1.JobState.Succeeded, (await first.Client.GetJobAsync(new V1.GetJobRequest { Name = name })).State);
                await GoodRequest.AssertServedAsync(first.Client);
            }
            await using var after = await ServerProcess.StartServingAsync(directory);
            Assert.Equal(V1.JobState.Succeeded, (await after.Client.GetJobAsync(new V1.GetJobRequest { Name = name })).State);
            Assert.Equal(2, (await Jobs.ListAll(after.Client)).Count);
            Figures.Write(output, "store-locked-server", $"Store locked by a live server: the second server exited with code {exit}; " +
                $"message: \"{FirstLineNaming(second, path)}\"; the first kept serving, and after it stopped the store opened with every job.");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Any other process holding SQLite's exclusive lock on the file (here: this test process) stops the start the same way.</summary>
    [SlowFact]
    [Trait("Category", "Slow")]
    public async Task A_store_locked_by_another_process_stops_the_start_and_opens_once_released()
    {
        var directory = Directory.CreateTempSubdirectory("stockpile-store-").FullName;
        try
        {
            var path = Path.Combine(directory, "jobs.db");
            await WriteRealStore(directory);
            var before = Hash(path);
            int? exit;
            string message;
            using (var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                holder.Open();
                using var command = holder.CreateCommand();
                command.CommandText = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM jobs;";
                command.ExecuteScalar();

                await using var server = ServerProcess.Start(directory);
                exit = await server.WaitForExitAsync(ExitPatience);
                message = server.Output;
                Assert.True(exit is not null, $"the server did not stop on a locked store:\n{message}");
                AssertStoppedCleanly(exit, message);
                Assert.Contains(path, message, StringComparison.Ordinal);
                Assert.Contains("locked", message, StringComparison.Ordinal);
                using var rollback = holder.CreateCommand();
                rollback.CommandText = "ROLLBACK;";
                rollback.ExecuteNonQuery();
            }
            Assert.Equal(before, Hash(path));
            await using var after = await ServerProcess.StartServingAsync(directory);
            Assert.Single(await Jobs.ListAll(after.Client));
            Figures.Write(output, "store-locked-process", $"Store locked by another process: exit code {exit}; message: \"{FirstLineNaming(message, path)}\"; " +
                "once the lock was released the store opened with its job.");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static readonly Lazy<Task<byte[]>> RealStore = new(MakeRealStore);

    /// <summary>Writes jobs.db into <paramref name="directory"/>: a real store holding one finished job (made once per run).</summary>
    private static async Task WriteRealStore(string directory) =>
        await File.WriteAllBytesAsync(Path.Combine(directory, "jobs.db"), await RealStore.Value);

    /// <summary>A real store holding one finished job, left by a server that stopped gracefully.</summary>
    private static async Task<byte[]> MakeRealStore()
    {
        var directory = Directory.CreateTempSubdirectory("stockpile-store-").FullName;
        try
        {
            await using (var server = await ServerProcess.StartServingAsync(directory))
            {
                var job = await server.Client.StartSolveAsync(new V1.StartSolveRequest { Instance = GoodRequest.Newsvendor().Instance });
                await Jobs.WaitUntilEnded(server.Client, job.Name, TimeSpan.FromSeconds(60));
            }
            Assert.Equal(["jobs.db"], Directory.GetFiles(directory).Select(Path.GetFileName));
            return await File.ReadAllBytesAsync(Path.Combine(directory, "jobs.db"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// A start-up failure, not a crash: exit code 1 (an unhandled exception would be SIGABRT, 134)
    /// and a one-line reason on stderr, starting "stockpile server: cannot start:", without a stack trace.
    /// </summary>
    private static void AssertStoppedCleanly(int? exit, string output)
    {
        Assert.True(exit == 1, $"exit code {exit}, not 1:\n{output}");
        Assert.Contains(output.Split('\n'), l => l.StartsWith("stockpile server: cannot start: the job store ", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static string FirstLineNaming(string output, string path)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.Contains(path, StringComparison.Ordinal)) ?? "";
        var start = line.IndexOf("the job store", StringComparison.Ordinal);
        var text = start >= 0 ? line[start..] : line;
        var end = text.IndexOf("   at ", StringComparison.Ordinal);
        return (end > 0 ? text[..end] : text).Trim();
    }
}
