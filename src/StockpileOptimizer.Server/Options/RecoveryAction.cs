namespace StockpileOptimizer.Server.Options;

/// <summary>What start-up does with a job a dead host left RUNNING (<see cref="JobOptions.OnRecovery"/>).</summary>
public enum RecoveryAction
{
    Requeue,
    Fail,
}
