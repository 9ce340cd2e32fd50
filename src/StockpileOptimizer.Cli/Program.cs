using StockpileOptimizer.Cli;

return SolveCommand.Run(args, Console.Out, Console.Error);
