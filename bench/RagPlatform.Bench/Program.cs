using System.CommandLine;
using RagPlatform.Bench.Commands;

var root = new RootCommand("RagPlatform benchmarks over the public HTTP API: ingest throughput, retrieval quality, search latency, load.")
{
    IngestCommand.Create(),
    IngestFileCommand.Create(),
    ExtractFileCommand.Create(),
    EvalCommand.Create(),
    SearchCommand.Create(),
    TuneCommand.Create(),
    EmbedSpeedCommand.Create(),
    LoadCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
