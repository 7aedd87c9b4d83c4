using BenchmarkDotNet.Running;

// dotnet run -c Release --project Bot.Benchmarks -- --filter '*Parser*'
BenchmarkSwitcher.FromAssembly(typeof(Bot.Benchmarks.ReportParserBenchmarks).Assembly).Run(args);
