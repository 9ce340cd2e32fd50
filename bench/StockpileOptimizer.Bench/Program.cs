using StockpileOptimizer.Bench.Measuring;
using StockpileOptimizer.Bench.Micro;
using StockpileOptimizer.Bench.Report;

// The benchmark driver (docs/benchmarks.md):
//   report [--quick] [--out FILE]   measure everything and write the markdown report
//   bdn [BenchmarkDotNet args]      the micro benchmarks, e.g. bdn --filter '*Validate*'
//   point JSON                      internal: one measurement in a fresh process (see ChildProcess)
return args switch
{
    ["report", .. var rest] => await ReportCommand.RunAsync(rest),
    ["bdn", .. var rest] => MicroCommand.Run(rest),
    ["point", var json] => PointChild.Run(json),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: stockpile-bench report [--quick] [--out docs/performance.md]
               stockpile-bench bdn [--filter PATTERN] [other BenchmarkDotNet options]
        """);
    return 2;
}
