using System.Diagnostics;
using System.Text.Json;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Tests;

/// <summary><c>stockpile default --plain</c>: strict JSON that tools without comment support read, the same instance as the annotated file.</summary>
public sealed class DefaultPlainTests : CliFixture
{
    [Fact]
    public void Plain_file_is_strict_json_of_the_same_instance()
    {
        var path = Path("plain.json");

        var run = Run("default", "--plain", path);

        Assert.Equal(ExitCodes.Ok, run.Code);
        var text = File.ReadAllText(path);
        Assert.DoesNotContain("//", text, StringComparison.Ordinal);
        // System.Text.Json with its defaults (comments and trailing commas are errors) reads it.
        using var document = JsonDocument.Parse(text);
        Assert.Equal(2, document.RootElement.GetProperty("formatVersion").GetInt32());
        Assert.Equal(InstanceJson.Fingerprint(InstanceJson.Default()), InstanceJson.Fingerprint(InstanceJson.Parse(text)));
        Assert.Equal(InstanceJson.Write(InstanceJson.Default()) + "\n", text);
    }

    [Fact]
    public void Plain_to_stdout_is_what_pythons_json_module_reads_and_the_annotated_file_is_not()
    {
        var plain = Run("default", "--plain");
        var annotated = Run("default");

        Assert.Equal(ExitCodes.Ok, plain.Code);
        var (plainCode, plainOut) = PythonJson(plain.Stdout);
        var (annotatedCode, annotatedOut) = PythonJson(annotated.Stdout);
        // Python's json counts the countries of the plain file (US and Canada) ...
        Assert.True(plainCode == 0, plainOut);
        Assert.Equal("2", plainOut.Trim());
        // ... and refuses the annotated one (its first character is a comment).
        Assert.NotEqual(0, annotatedCode);
        Assert.Contains("JSONDecodeError", annotatedOut, StringComparison.Ordinal);
    }

    private static (int Code, string Output) PythonJson(string input)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", ["-c", "import json,sys; print(len(json.load(sys.stdin)['countries']))"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        python.StandardInput.Write(input);
        python.StandardInput.Close();
        Assert.True(python.WaitForExit(60_000), "python3 did not finish within 60 s");
        return (python.ExitCode, stdout.Result + stderr.Result);
    }
}
