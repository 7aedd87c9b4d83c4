using BenchmarkDotNet.Running;
using Bot.Benchmarks.Load;

// `load …` drives a host with callbacks (see LoadCommand.Usage); anything else goes to BenchmarkDotNet
// (e.g. `--filter *Crypto*`, `--list flat`).
if (args.Length > 0 && args[0] == "load")
{
    return await LoadCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "scale")
{
    return await Bot.Benchmarks.Scale.ScaleCommand.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(LoadCommand).Assembly).Run(args);
return 0;
