namespace StockpileOptimizer.Server.Jobs;

/// <summary>The job store cannot be opened or used; the message names the file and what to do.</summary>
public class JobStoreException(string message, Exception? inner = null) : Exception(message, inner);
