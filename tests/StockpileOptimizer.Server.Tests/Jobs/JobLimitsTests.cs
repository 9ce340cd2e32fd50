using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StockpileOptimizer.Model;
using StockpileOptimizer.Server.Jobs;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Tests.Jobs;

public sealed class JobLimitsTests
{
    [Theory]
    [InlineData(1, 1, 2, 1, 1)]
    [InlineData(1, 2, 2, 1, 2)]
    [InlineData(2, 1, 2, 2, 1)]
    [InlineData(1, 8, 2, 1, 2)]  // threads shrink to the processors
    [InlineData(2, 2, 2, 2, 1)]  // 2 × 2 > 2: threads shrink first
    [InlineData(4, 1, 2, 2, 1)]  // more solves than processors: concurrency shrinks too
    [InlineData(3, 2, 8, 3, 2)]
    public void Concurrent_solves_times_threads_fit_the_processors(int concurrent, int threads, int processors, int expectedConcurrent, int expectedThreads)
    {
        var limits = JobLimits.Fit(new JobOptions { MaxConcurrentSolves = concurrent, SolverThreadsPerSolve = threads }, processors, out var adjustment);

        Assert.Equal((expectedConcurrent, expectedThreads), (limits.ConcurrentSolves, limits.ThreadsPerSolve));
        Assert.True(limits.ConcurrentSolves * limits.ThreadsPerSolve <= processors);
        Assert.Equal(expectedConcurrent != concurrent || expectedThreads != threads, adjustment is not null);
    }

    [Theory]
    [InlineData(null, 60)]     // none: the default
    [InlineData(0.0, 60)]      // non-positive: the default
    [InlineData(-5.0, 60)]
    [InlineData(12.5, 12.5)]   // within the maximum: as asked
    [InlineData(5000.0, 600)]  // beyond: the maximum
    public void A_solve_gets_its_time_limit_clamped_and_the_thread_budget(double? askedSeconds, double expectedSeconds)
    {
        var limits = JobLimits.Fit(new JobOptions { SolverThreadsPerSolve = 2 }, processors: 2, out _);
        var asked = new SolveOptions { TimeLimit = askedSeconds is { } s ? TimeSpan.FromSeconds(s) : null, Threads = 16, Seed = 3 };

        var applied = limits.Apply(asked);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), applied.TimeLimit);
        Assert.Equal(2, applied.Threads);
        Assert.Equal(3, applied.Seed);
    }

    [Fact]
    public async Task AddStockpileJobs_binds_the_jobs_section_and_registers_one_service_as_both_roles()
    {
        var directory = Path.Combine(Path.GetTempPath(), "stockpile-di-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jobs:MaxConcurrentSolves"] = "2",
            ["Jobs:QueueCapacity"] = "3",
            ["Jobs:DataDirectory"] = directory,
            ["Jobs:OnRecovery"] = "fail",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddStockpileJobs(configuration);
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<JobOptions>>().Value;
        var jobs = provider.GetRequiredService<IJobService>();
        var hosted = provider.GetServices<IHostedService>().OfType<JobService>().Single();

        Assert.Equal((2, 3, RecoveryAction.Fail, 1), (options.MaxConcurrentSolves, options.QueueCapacity, options.OnRecovery, options.SolverThreadsPerSolve));
        Assert.Same(jobs, hosted);
        Assert.Equal(Path.Combine(directory, "jobs.db"), provider.GetRequiredService<IJobStore>().Location);
        Assert.True(File.Exists(Path.Combine(directory, "jobs.db")));
        await provider.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Settings_out_of_range_are_reported_by_name()
    {
        var result = new JobOptionsValidator().Validate(null, new JobOptions
        {
            MaxConcurrentSolves = 0, QueueCapacity = 0, DefaultTimeLimit = TimeSpan.FromSeconds(100), MaxTimeLimit = TimeSpan.FromSeconds(50), ShutdownGrace = TimeSpan.FromSeconds(-1),
        });

        Assert.True(result.Failed);
        foreach (var name in new[] { "MaxConcurrentSolves", "QueueCapacity", "MaxTimeLimit", "ShutdownGrace" })
        {
            Assert.Contains(result.Failures!, f => f.StartsWith($"Jobs:{name}", StringComparison.Ordinal));
        }
        Assert.True(new JobOptionsValidator().Validate(null, new JobOptions()).Succeeded);
    }

    [Fact]
    public void Durations_bind_from_their_keys_and_from_the_older_keys_in_seconds()
    {
        static (JobOptions Jobs, JobReplicaOptions Replica) Bind(Dictionary<string, string?> settings)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            using var provider = new ServiceCollection().AddLogging().AddStockpileJobs(configuration).BuildServiceProvider();
            return (provider.GetRequiredService<IOptions<JobOptions>>().Value, provider.GetRequiredService<IOptions<JobReplicaOptions>>().Value);
        }

        var current = Bind(new()
        {
            ["Jobs:DefaultTimeLimit"] = "00:00:07", ["Jobs:MaxTimeLimit"] = "00:02:00", ["Jobs:ShutdownGrace"] = "00:00:03",
            ["Jobs:Lease"] = "00:00:12", ["Jobs:Poll"] = "00:00:00.5",
        });
        var older = Bind(new()
        {
            ["Jobs:DefaultTimeLimitSeconds"] = "7", ["Jobs:MaxTimeLimitSeconds"] = "120", ["Jobs:ShutdownGraceSeconds"] = "3",
            ["Jobs:LeaseSeconds"] = "12", ["Jobs:PollSeconds"] = "0.5",
        });
        // Both keys set: the TimeSpan key wins.
        var both = Bind(new() { ["Jobs:DefaultTimeLimit"] = "00:00:09", ["Jobs:DefaultTimeLimitSeconds"] = "7" });

        foreach (var (jobs, replica) in new[] { current, older })
        {
            Assert.Equal(
                (TimeSpan.FromSeconds(7), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(0.5)),
                (jobs.DefaultTimeLimit, jobs.MaxTimeLimit, jobs.ShutdownGrace, replica.Lease, replica.Poll));
        }
        Assert.Equal(TimeSpan.FromSeconds(9), both.Jobs.DefaultTimeLimit);
        var bad = Assert.Throws<InvalidOperationException>(() => Bind(new() { ["Jobs:LeaseSeconds"] = "soon" }));
        Assert.Equal("Jobs:LeaseSeconds: \"soon\" is not a number of seconds", bad.Message);
    }
}
