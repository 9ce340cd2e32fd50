-- Orleans' ADO.NET clustering schema for PostgreSQL: src/AdoNet/Orleans.Clustering.AdoNet/Migrations/PostgreSQL-Clustering-3.7.0.sql of dotnet/orleans
-- (MIT License, Copyright (c) .NET Foundation), commit e558829b0b0f696e98c222438106e643fb53928f, unchanged below this header.
-- Applied by ClusterSchema (StockpileOptimizer.Cluster) at every start: idempotent (ON CONFLICT DO NOTHING).

INSERT INTO OrleansQuery(QueryKey, QueryText)
VALUES
(
    'CleanupDefunctSiloEntriesKey','
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
        AND @DeploymentId IS NOT NULL
        AND IAmAliveTime < @IAmAliveTime
        AND Status != 3;
')
ON CONFLICT (QueryKey) DO NOTHING;
