using BenchmarkDotNet.Running;
using VapiAgents.Benchmarks.Harness;
using VapiAgents.Benchmarks.Micro;
using VapiAgents.Benchmarks.Scenarios;

// dotnet run -c Release --project tests/Benchmarks -- <sync|store|bulkcopy|metrics|metrics-http|metrics-hour|heatmap|concurrency|http|startup|signin|csv|breakdown> [--calls N] [--provider Sqlite|PostgreSql]
// dotnet run -c Release --project tests/Benchmarks -- micro [BenchmarkDotNet arguments, e.g. --filter *Bucket*]
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(BenchArgs).Assembly).Run(args[1..]);
    return 0;
}

BenchArgs options;
try
{
    options = BenchArgs.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine("usage: <sync|store|bulkcopy|metrics|metrics-http|metrics-hour|heatmap|concurrency|http|startup|signin|csv|breakdown|micro> [--calls N] [--provider Sqlite|PostgreSql] [--runs N] [--seconds N]");
    return 2;
}

var figures = options.Scenario switch
{
    "sync" => await SyncScenario.RunAsync(options),
    "store" => await StoreScenario.RunAsync(options),
    "bulkcopy" => await BulkCopyScenario.RunAsync(options),
    "metrics" => await MetricsScenario.RunAsync(options),
    "metrics-http" => await MetricsHttpScenario.RunAsync(options),
    "metrics-hour" => await TimeResolutionScenario.RunHourlyAsync(options),
    "heatmap" => await TimeResolutionScenario.RunHeatmapAsync(options),
    "concurrency" => await TimeResolutionScenario.RunConcurrencyAsync(options),
    "http" => await HttpScenario.RunAsync(options),
    "startup" => await StartupScenario.RunAsync(options),
    "signin" => await SigninScenario.RunAsync(options),
    "csv" => await CsvWriterEvaluation.RunAsync(options),
    "breakdown" => await BreakdownEncodingEvaluation.RunAsync(options),
    _ => null,
};

if (figures is null)
{
    Console.Error.WriteLine($"Unknown scenario '{options.Scenario}'.");
    return 2;
}

figures.Print(Console.Out);
return 0;
