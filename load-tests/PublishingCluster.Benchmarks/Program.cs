using BenchmarkDotNet.Running;

// dotnet run -c Release --project load-tests/PublishingCluster.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(PublishingCluster.Benchmarks.IdleTickBenchmarks).Assembly).Run(args);
