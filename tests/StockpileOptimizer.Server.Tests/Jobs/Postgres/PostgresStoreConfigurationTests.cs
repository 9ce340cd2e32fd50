using StockpileOptimizer.TestData;
using StockpileOptimizer.Domain;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using StockpileOptimizer.Server.Jobs;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Tests.Jobs.Postgres;

/// <summary>Choosing the PostgreSQL store by configuration, and what it says when it cannot be used (never the password).</summary>
public sealed class PostgresStoreConfigurationTests : IDisposable
{
    private const string Secret = "s3cret-Passw0rd-never-shown";
    private readonly PostgresTestDatabase database = new();

    public void Dispose() => database.Dispose();

    private static ServiceProvider Provider(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging()
            .AddStockpileJobs(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Fact]
    public void Postgres_without_a_connection_string_is_refused_at_start_up_by_name()
    {
        var result = new JobOptionsValidator().Validate(null, new JobOptions { Store = JobStoreKind.Postgres });

        Assert.True(result.Failed);
        Assert.Contains("Jobs:PostgresConnectionString must be set when Store is \"postgres\"", result.Failures!);
        Assert.True(new JobOptionsValidator().Validate(null, new JobOptions { Store = JobStoreKind.Sqlite }).Succeeded);
        Assert.Equal(JobStoreKind.Sqlite, new JobOptions().Store);
    }

    [Fact]
    public void A_connection_string_that_does_not_parse_is_refused_without_repeating_it()
    {
        var result = new JobOptionsValidator().Validate(null, new JobOptions
        {
            Store = JobStoreKind.Postgres,
            PostgresConnectionString = $"Host=db;Password={Secret};Port=not-a-number",
        });
        var noHost = new JobOptionsValidator().Validate(null, new JobOptions
        {
            Store = JobStoreKind.Postgres,
            PostgresConnectionString = $"Database=x;Password={Secret}",
        });

        var failure = Assert.Single(result.Failures!);
        Assert.Equal("Jobs:PostgresConnectionString is not a valid Npgsql connection string: check \"port\" and its value", failure);
        Assert.DoesNotContain(Secret, failure);
        Assert.Equal("Jobs:PostgresConnectionString names no Host", Assert.Single(noHost.Failures!));
    }

    [Fact]
    public void Opening_with_a_connection_string_that_does_not_parse_names_the_keyword_only()
    {
        var error = Assert.Throws<JobStoreException>(() => PostgresJobStore.Open($"Host=db;Password={Secret};Timeout=-5"));

        Assert.Equal("the PostgreSQL connection string of the job store is not valid: check \"timeout\" and its value", error.Message);
        Assert.DoesNotContain(Secret, error.ToString());
    }

    [Fact]
    public void The_store_setting_binds_from_configuration_case_insensitively()
    {
        using var provider = Provider(new() { ["Jobs:Store"] = "postgres", ["Jobs:PostgresConnectionString"] = "Host=db" });

        var options = provider.GetRequiredService<IOptions<JobOptions>>().Value;

        Assert.Equal((JobStoreKind.Postgres, "Host=db"), (options.Store, options.PostgresConnectionString));
    }

    [Fact]
    public void Starting_with_postgres_and_no_connection_string_fails_naming_the_setting()
    {
        using var provider = Provider(new() { ["Jobs:Store"] = "Postgres" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<JobOptions>>().Value);

        Assert.Contains("Jobs:PostgresConnectionString", error.Message);
    }

    [Fact]
    public async Task An_unreachable_server_is_named_with_its_host_and_database_but_not_the_password()
    {
        var port = ClosedPort();
        var connectionString = $"Host=127.0.0.1;Port={port};Username=planner;Password={Secret};Database=jobs_db;Timeout=5";

        var error = await Assert.ThrowsAsync<JobStoreException>(() => PostgresJobStore.OpenAsync(connectionString, CancellationToken.None));

        Assert.Contains($"cannot reach the job store PostgreSQL database jobs_db on 127.0.0.1:{port} as user planner", error.Message);
        Assert.DoesNotContain(Secret, error.Message);
        Assert.DoesNotContain(Secret, error.ToString());
    }

    [PostgresFact]
    public void A_wrong_password_is_refused_naming_the_server_but_not_the_password()
    {
        var wrong = new NpgsqlConnectionStringBuilder(PostgresTestDatabase.Server) { Password = Secret }.ToString();

        var error = Assert.Throws<JobStoreException>(() => PostgresJobStore.Open(wrong));

        Assert.Contains("refused the login", error.Message);
        Assert.Contains("database stockpile_test on 127.0.0.1", error.Message);
        Assert.Contains("check the user name and password", error.Message);
        Assert.DoesNotContain(Secret, error.ToString());
    }

    [PostgresFact]
    public async Task Store_postgres_in_configuration_opens_the_postgres_store_and_its_location_hides_the_password()
    {
        using var provider = Provider(new()
        {
            ["Jobs:Store"] = "postgres",
            ["Jobs:PostgresConnectionString"] = database.ConnectionString,
            ["Jobs:DataDirectory"] = Path.Combine(Path.GetTempPath(), "stockpile-unused-" + Guid.NewGuid().ToString("N")),
        });

        var store = provider.GetRequiredService<IJobStore>();
        var jobs = provider.GetRequiredService<IJobService>();
        var (job, _) = await jobs.SubmitAsync(new JobSubmission(null, ValidatedInstance.Require(JobInstances.Newsvendor()), new Model.SolveOptions()), CancellationToken.None);

        Assert.IsType<PostgresJobStore>(store);
        Assert.StartsWith("PostgreSQL database stockpile_test on 127.0.0.1:", store.Location);
        Assert.Contains($"search path {database.Schema}", store.Location);
        Assert.DoesNotContain(PostgresTestDatabase.Password, store.Location);
        Assert.Equal(1L, database.Execute($"SELECT count(*) FROM jobs WHERE id = '{job.Id}'"));
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    private static int ClosedPort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }
}
