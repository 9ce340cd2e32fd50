using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StockpileOptimizer.Bench.Measuring;

/// <summary>
/// Runs one <see cref="PointRequest"/> in a fresh copy of this program ("point" command) and
/// reads back its <see cref="PointResult"/>. A point that fails or runs past its time limit
/// gives an error message instead of a result, so one bad point does not stop the report.
/// </summary>
internal static class ChildProcess
{
    public static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<(PointResult? Result, string? Error)> RunAsync(PointRequest request, TimeSpan limit)
    {
        var start = SelfStart();
        start.ArgumentList.Add("point");
        start.ArgumentList.Add(JsonSerializer.Serialize(request, Json));
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start a child process");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (null, $"did not finish within {limit.TotalSeconds:0} s");
        }
        var line = (await stdout).Split('\n').FirstOrDefault(l => l.StartsWith(PointChild.Marker, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            var error = (await stderr).Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? $"exit code {process.ExitCode}";
            return (null, error.Trim());
        }
        return (JsonSerializer.Deserialize<PointResult>(line[PointChild.Marker.Length..], Json), null);
    }

    /// <summary>This program again: its apphost, or `dotnet stockpile-bench.dll` when started through dotnet.</summary>
    public static ProcessStartInfo SelfStart()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }
        return start;
    }
}
