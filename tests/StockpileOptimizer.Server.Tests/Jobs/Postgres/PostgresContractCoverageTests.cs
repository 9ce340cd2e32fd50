using StockpileOptimizer.TestData;
using StockpileOptimizer.Server.Tests.Jobs.Contract;

namespace StockpileOptimizer.Server.Tests.Jobs.Postgres;

/// <summary>
/// The store contract (<see cref="JobStoreIntegrityContract"/>) runs on PostgreSQL whenever a
/// server is given; without one this test is skipped, saying how to get one, so a run that left
/// PostgreSQL out says so.
/// </summary>
public sealed class PostgresContractCoverageTests
{
    [PostgresFact]
    public void The_store_contract_runs_on_postgresql() =>
        Assert.Equal([StoreUnderTest.Sqlite, StoreUnderTest.Postgres], StoreUnderTest.Kinds().Cast<object[]>().Select(row => (string)row[0]));
}
