namespace StockpileOptimizer.Cli.Output;

internal enum OutputFormat
{
    /// <summary>Summary lines and tables for people (Spectre tables on a terminal, plain text otherwise).</summary>
    Table,
    /// <summary>The full result as one JSON document.</summary>
    Json,
    /// <summary>One table as CSV (one file per table with --out).</summary>
    Csv,
}

/// <param name="Out">Directory for files: one CSV per table (table and csv formats) or one JSON document.</param>
/// <param name="TableName">The table CSV prints on stdout (default: the report's primary table).</param>
internal sealed record OutputSettings(OutputFormat Format, string? Out, string? TableName);
