using Xunit;

namespace StockpileOptimizer.TestData;

/// <summary>
/// A fact that needs a PostgreSQL server: skipped, saying how to get one, when
/// <c>STOCKPILE_TEST_POSTGRES</c> (an Npgsql connection string of a role that owns its database)
/// is not set. CI sets it (.ci/run starts a throwaway server) and counts a skip as a failure.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "STOCKPILE_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"no PostgreSQL server to test against: {Variable} is not set. " +
                "Start a throwaway one with `eval \"$(.ci/postgres.sh start)\"` (stop it with `.ci/postgres.sh stop`).";
        }
    }
}
