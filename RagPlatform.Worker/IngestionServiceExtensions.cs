using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Chunking;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Extraction;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Ocr;
using RagPlatform.Core.Resilience;
using RagPlatform.Core.Storage;
using RagPlatform.Worker.Ingestion;
using RagPlatform.Worker.Projections;

namespace RagPlatform.Worker;

public static class IngestionServiceExtensions
{
    public static IHostApplicationBuilder AddIngestionPipeline(this IHostApplicationBuilder builder)
    {
        builder.AddRagStorage();
        builder.AddRagStores(guarded: false);
        builder.Services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ChunkingOptions>().BindConfiguration(ChunkingOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();

        builder.AddRagEmbeddings();
        builder.Services.AddSingleton<TextExtractor>();
        builder.Services.AddOptions<OcrOptions>().BindConfiguration(OcrOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TesseractOcr>();
        builder.Services.AddSingleton<PdfPageRenderer>();
        builder.Services.AddSingleton<OcrExtractor>();
        builder.Services.AddSingleton(sp => new TextChunker(
            sp.GetRequiredService<ITokenCounter>(), sp.GetRequiredService<IOptions<ChunkingOptions>>().Value));

        if (builder.AddIndexOptions().UsesQdrant)
        {
            // Qdrant is written by its projection of the change log only, here (see IndexProjector).
            builder.Services.AddQdrantSearchIndex();
            builder.Services.AddSingleton<IndexProjector>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<IndexProjector>());
        }

        // Order matters: the steps run in registration order.
        builder.Services.AddSingleton<IPipelineStep, ReuseStep>();
        builder.Services.AddSingleton<IPipelineStep, ExtractStep>();
        builder.Services.AddSingleton<IPipelineStep, AttachmentStep>();
        builder.Services.AddSingleton<IPipelineStep, ChunkStep>();
        builder.Services.AddSingleton<IPipelineStep>(sp =>
        {
            var ingestion = sp.GetRequiredService<IOptions<IngestionOptions>>().Value;
            return new EmbedStep(new CoalescingEmbeddingGenerator(
                sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
                ingestion.EmbeddingBatchSize,
                ingestion.EmbeddingParallelism > 0 ? ingestion.EmbeddingParallelism : Environment.ProcessorCount),
                sp.GetRagPipeline(ResiliencePipelines.Embedding),
                sp.GetRequiredService<EmbeddingCheckpoints>(),
                ingestion.EmbeddingChunksPerCall);
        });
        builder.Services.AddSingleton<IPipelineStep, IndexStep>();

        builder.Services.AddSingleton<JobSignal>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobSignal>());
        builder.Services.AddSingleton<IngestionMetrics>();
        builder.Services.AddHostedService<IngestionWorker>();
        builder.Services.AddHostedService<QueueMonitor>();
        return builder;
    }
}
