using BenchmarkDotNet.Running;
using Bot.Benchmarks.Load;
using Bot.Benchmarks.Segmentation;

// `segmentation [DIR]` compares place finding by the character rules and by jieba.NET (see SegmentationCommand);
// `load …` drives a host with callbacks (see LoadCommand.Usage); anything else goes to BenchmarkDotNet
// (e.g. `--filter *Crypto*`, `--list flat`).
if (args.Length > 0 && args[0] == "segmentation")
{
    return SegmentationCommand.Run(args[1..]);
}

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
