using System.Text;
using System.Text.RegularExpressions;

namespace StockpileOptimizer.Cli.Tests;

/// <summary>docs/cli.md stays true: every example command parses, and the example instance solves.</summary>
public sealed partial class DocumentationTests : CliFixture
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        var inBlock = false;
        foreach (var line in File.ReadLines(System.IO.Path.Combine(Root, "docs", "cli.md")))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock && line.Trim() == "```sh";
                continue;
            }
            if (inBlock && line.StartsWith("stockpile ", StringComparison.Ordinal))
            {
                data.Add(line);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_command_in_the_docs_parses(string line)
    {
        var parse = CliApp.Build(new CliIo(TextWriter.Null, TextWriter.Null, false)).Parse(Arguments(line));

        Assert.True(parse.Errors.Count == 0, $"{line}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
    }

    [Fact]
    public void The_example_instance_validates_and_its_what_ifs_solve()
    {
        var example = System.IO.Path.Combine(Root, "docs", "examples", "what-if.json");

        var valid = Run("validate", example);
        var what = Run("solve", example, "--json", "-q",
            "--set", "demands[1].tonnesPerPeriod[3]=900",
            "--set", """policy.coverageFloors=[{"country": "CA", "material": "ndfeb-magnet", "months": 3}]""");

        Assert.True(valid.Code == ExitCodes.Ok, valid.ToString());
        Assert.True(what.Code == ExitCodes.Ok, what.ToString());
        // The floor: 3 months (one quarter) of CA's defence demand, 8 t a quarter.
        var ca = Json<Domain.SolveResult>(what.Stdout).Policy!.Stockpiles.Single(s => s.Country == "CA");
        Assert.True(ca.Tonnes >= 8 - 1e-6, $"CA holds {ca.Tonnes} t");
    }

    /// <summary>The words of a shell line: quotes honoured, stopping at a comment, a redirection or a pipe.</summary>
    private static string[] Arguments(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
                continue;
            }
            if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else if (!inWord && c is '#' or '>' or '|')
            {
                break;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return words.Skip(1).ToArray(); // "stockpile"
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "docs", "cli.md")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("docs/cli.md not found above " + AppContext.BaseDirectory);
    }
}
