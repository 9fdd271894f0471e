using Grpc.Core;
using Polly;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using static Qdrant.Client.Grpc.Conditions;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Hybrid index on a Qdrant cluster: a named dense vector (cosine) and a named sparse BM25 vector
/// (IDF computed by Qdrant), fused by Qdrant's RRF in one Query API call.
/// </summary>
public sealed class QdrantSearchIndex : ISearchIndex, IDisposable
{
    public const string DenseVectorName = "dense";
    public const string SparseVectorName = "bm25";

    private const string DocumentIdKey = "document_id";
    private const string CollectionKey = "collection";
    private const string TenantKey = "tenant";
    private const string TitleKey = "title";
    private const string TextKey = "text";
    private const string OrdinalKey = "ordinal";
    private const string StartOffsetKey = "start_offset";
    private const string EndOffsetKey = "end_offset";
    private const string HeadingPathKey = "heading_path";
    private const string PageNumberKey = "page_number";
    private const string OcrConfidenceKey = "ocr_confidence";

    /// <summary>The document's metadata as a nested object; a filter on key k matches <c>metadata.k</c>.</summary>
    private const string MetadataKey = "metadata";

    /// <summary>Qdrant's RRF scores first place 1/k; its default k is 2.</summary>
    private const int QdrantDefaultRrfK = 2;

    /// <summary>Keeps each gRPC upsert message well under Qdrant's default 32 MB limit even for long chunks.</summary>
    private const int UpsertBatchSize = 256;

    private readonly QdrantNodePool _nodes;
    private readonly ResiliencePipeline _pipeline;
    private readonly bool _ownsNodes;
    private readonly QdrantIndexOptions _options;
    private readonly SparseTermVectorizer _vectorizer = new();

    /// <summary>
    /// Creates and owns a client per node of <see cref="QdrantIndexOptions.GrpcNodes"/>. Every call goes through
    /// <paramref name="pipeline"/> (the <c>qdrant</c> pipeline in the services; none when omitted).
    /// </summary>
    public QdrantSearchIndex(QdrantIndexOptions options, ResiliencePipeline? pipeline = null)
        : this(QdrantNodePool.Create(options), options, ownsNodes: true, pipeline)
    {
    }

    /// <summary>Uses nodes owned by the caller (for example a pool registered in DI).</summary>
    public QdrantSearchIndex(QdrantNodePool nodes, QdrantIndexOptions options, ResiliencePipeline? pipeline = null)
        : this(nodes, options, ownsNodes: false, pipeline)
    {
    }

    private QdrantSearchIndex(QdrantNodePool nodes, QdrantIndexOptions options, bool ownsNodes, ResiliencePipeline? pipeline)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(options);
        (_nodes, _options, _ownsNodes, _pipeline) = (nodes, options, ownsNodes, pipeline ?? ResiliencePipeline.Empty);
    }

    /// <summary>
    /// Every call this index makes while serving is idempotent, so both the pipeline's retries and the failover to the
    /// next node may repeat it: a search or scroll reads; an upsert writes points whose ids derive from the document,
    /// its content hash and the chunk's position, so writing the same batch twice leaves the same points; a delete by
    /// filter removes what matches, however often. (What is not idempotent, creating a collection or replicating a
    /// shard, runs on one node without failover: see <see cref="EnsureCollectionAsync"/> and
    /// <see cref="QdrantReplication"/>.)
    /// </summary>
    private async Task<T> CallAsync<T>(Func<QdrantClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(async token => await _nodes.CallAsync(call, idempotent: true, token, cancellationToken), cancellationToken);

    /// <summary>A call made at start, under the initializer's own retry rather than the request pipeline.</summary>
    private Task<T> StartupCallAsync<T>(Func<QdrantClient, CancellationToken, Task<T>> call, bool idempotent, CancellationToken cancellationToken) =>
        _nodes.CallAsync(call, idempotent, cancellationToken, cancellationToken);

    private string Collection => _options.CollectionName;

    /// <summary>Creates the collection and its payload indexes if missing; safe to call from every replica at start.</summary>
    public async Task EnsureCollectionAsync(CancellationToken cancellationToken = default)
    {
        if (!await ExistsAsync(cancellationToken))
        {
            try
            {
                // Not idempotent (a second create fails), so one node only; a failure is settled by reading again.
                await StartupCallAsync(async (client, token) => { await client.CreateCollectionAsync(NewCollection(), token); return true; },
                    idempotent: false, cancellationToken);
            }
            catch (RpcException)
            {
                // Another instance may have created it between our check and our create: that is the outcome we wanted.
                if (!await ExistsAsync(cancellationToken))
                {
                    throw;
                }
            }
        }

        // Filters on these run on every upsert, delete and scoped search; without an index Qdrant scans payloads.
        foreach (var field in new[] { DocumentIdKey, CollectionKey, TenantKey })
        {
            await StartupCallAsync((client, token) => client.CreatePayloadIndexAsync(Collection, field, PayloadSchemaType.Keyword, cancellationToken: token),
                idempotent: true, cancellationToken);
        }
    }

    private Task<bool> ExistsAsync(CancellationToken cancellationToken) =>
        StartupCallAsync((client, token) => client.CollectionExistsAsync(Collection, token), idempotent: true, cancellationToken);

    /// <summary>The replication factor the existing collection was created or last updated with.</summary>
    public async Task<uint> GetReplicationFactorAsync(CancellationToken cancellationToken = default)
    {
        var info = await StartupCallAsync((client, token) => client.GetCollectionInfoAsync(Collection, token), idempotent: true, cancellationToken);
        return info.Config.Params.ReplicationFactor;
    }

    /// <summary>Sets the collection's replication factor (idempotent: the same value twice is the same state).</summary>
    public Task SetReplicationFactorAsync(uint replicationFactor, CancellationToken cancellationToken = default) =>
        StartupCallAsync(async (client, token) =>
        {
            await client.UpdateCollectionAsync(Collection, collectionParams: new CollectionParamsDiff { ReplicationFactor = replicationFactor },
                cancellationToken: token);
            return true;
        }, idempotent: true, cancellationToken);

    /// <summary>
    /// Qdrant has no transaction across points, so this is not atomic. The new points are written first
    /// (waiting for them), then the document's points that are not in the new set are deleted: a concurrent
    /// search sees the old chunks, the new ones, or for a moment both, but never neither. If the process
    /// dies between the two calls the stale points stay until the document is next upserted or deleted.
    /// </summary>
    public async Task UpsertDocumentAsync(string documentId, IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        foreach (var batch in chunks.Chunk(UpsertBatchSize))
        {
            var points = batch.Select(ToPoint).ToList();
            await CallAsync((client, token) => client.UpsertAsync(Collection, points, wait: true, cancellationToken: token), cancellationToken);
        }

        var stale = DocumentFilter(documentId);
        if (chunks.Count > 0)
        {
            stale.MustNot.Add(HasId(chunks.Select(c => c.ChunkId).ToList()));
        }

        await CallAsync((client, token) => client.DeleteAsync(Collection, stale, wait: true, cancellationToken: token), cancellationToken);
    }

    public Task DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default)
        => CallAsync((client, token) => client.DeleteAsync(Collection, DocumentFilter(documentId), wait: true, cancellationToken: token), cancellationToken);

    public async Task<IReadOnlyList<IndexedChunkId>> ListChunksAsync(CancellationToken cancellationToken = default)
    {
        var chunks = new List<IndexedChunkId>();
        PointId? offset = null;
        var onlyDocumentId = new WithPayloadSelector { Include = new PayloadIncludeSelector { Fields = { DocumentIdKey } } };
        do
        {
            var from = offset;
            var page = await CallAsync((client, token) => client.ScrollAsync(Collection, limit: 1_000, offset: from, payloadSelector: onlyDocumentId,
                cancellationToken: token), cancellationToken);
            foreach (var point in page.Result)
            {
                chunks.Add(new IndexedChunkId(point.Payload[DocumentIdKey].StringValue, Guid.Parse(point.Id.Uuid)));
            }
            offset = page.NextPageOffset;
        }
        while (offset is not null);
        return chunks;
    }

    /// <summary>
    /// One Query API call: a dense and a sparse prefetch fused by Qdrant's RRF (k from <see cref="QdrantIndexOptions.RrfK"/>).
    /// Qdrant does not say which prefetch returned a point, so <see cref="SearchHit.FoundBy"/> is approximate:
    /// Dense whenever the dense side was asked, Keyword when the hit shares an analysed term with the query. Each hit's
    /// score is <see cref="TermCoverageRelevance"/>'s probability of relevance, as comparable across queries as the
    /// embedded index's.
    /// </summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(request.TopK, nameof(request));
        if (!request.Embedding.IsEmpty && request.Embedding.Length != _options.Dimension)
        {
            throw new ArgumentException($"The query embedding has {request.Embedding.Length} dimensions; the index holds {_options.Dimension}.", nameof(request));
        }

        var filter = SearchFilter(request);
        var depth = (ulong)CandidateDepth.For(request.TopK);
        var prefetch = new List<PrefetchQuery>(2);
        if (!request.Embedding.IsEmpty)
        {
            prefetch.Add(Prefetch(request.Embedding.ToArray(), DenseVectorName, depth, filter));
        }

        var queryTerms = _vectorizer.VectorizeQuery(request.Text ?? string.Empty);
        if (queryTerms.Indices.Length > 0)
        {
            prefetch.Add(Prefetch((queryTerms.Values, queryTerms.Indices), SparseVectorName, depth, filter));
        }

        if (request.TopK == 0 || prefetch.Count == 0)
        {
            return [];
        }

        var points = await CallAsync((client, token) => client.QueryAsync(
            Collection,
            query: _options.RrfK is { } k ? new Rrf { K = (uint)k } : Fusion.Rrf,
            prefetch: prefetch,
            filter: filter,
            limit: (ulong)request.TopK,
            payloadSelector: true,
            // The dense vectors come back so each hit's raw cosine can be scored (1.5 KB a hit at 384 dimensions).
            vectorsSelector: new WithVectorsSelector { Include = new VectorsSelector { Names = { DenseVectorName } } },
            cancellationToken: token), cancellationToken);

        // The score is the probability of relevance, and hits are ordered by it as the embedded index's are.
        var topOfList = 1.0 / (_options.RrfK ?? QdrantDefaultRrfK);
        var hits = new List<SearchHit>(points.Count);
        foreach (var point in points)
        {
            var text = point.Payload[TextKey].StringValue;
            var title = point.Payload[TitleKey].StringValue;
            var coverage = queryTerms.Indices.Length > 0
                ? TermCoverageRelevance.Coverage(queryTerms, _vectorizer.VectorizeDocument($"{title}\n{text}"))
                : 0;
            var cosine = request.Embedding.IsEmpty ? 0 : TermCoverageRelevance.Cosine(request.Embedding.Span, DenseVector(point));
            var fused = FusedScore.Normalise(point.Score, topOfList, prefetch.Count);
            var score = TermCoverageRelevance.Probability(cosine, coverage, fused, _options);
            if (score < request.MinScore)
            {
                continue;
            }

            var foundBy = request.Embedding.IsEmpty ? Retrievers.None : Retrievers.Dense;
            if (coverage > 0)
            {
                foundBy |= Retrievers.Keyword;
            }

            hits.Add(new SearchHit(
                Guid.Parse(point.Id.Uuid),
                point.Payload[DocumentIdKey].StringValue,
                title,
                text,
                (int)point.Payload[OrdinalKey].IntegerValue,
                score,
                foundBy,
                (int)point.Payload[StartOffsetKey].IntegerValue,
                (int)point.Payload[EndOffsetKey].IntegerValue,
                point.Payload.TryGetValue(HeadingPathKey, out var heading) && heading.HasStringValue ? heading.StringValue : null,
                point.Payload.TryGetValue(PageNumberKey, out var page) && page.HasIntegerValue ? (int)page.IntegerValue : null,
                OcrConfidence: point.Payload.TryGetValue(OcrConfidenceKey, out var ocr) && ocr.HasDoubleValue ? ocr.DoubleValue : null));
        }

        return [.. hits.OrderByDescending(hit => hit.Score)];
    }

    public void Dispose()
    {
        _vectorizer.Dispose();
        if (_ownsNodes)
        {
            _nodes.Dispose();
        }
    }

    private CreateCollection NewCollection() => new()
    {
        CollectionName = Collection,
        VectorsConfig = new VectorsConfig
        {
            ParamsMap = new VectorParamsMap
            {
                Map = { [DenseVectorName] = new VectorParams { Size = (ulong)_options.Dimension, Distance = Distance.Cosine } },
            },
        },
        SparseVectorsConfig = new SparseVectorConfig
        {
            Map = { [SparseVectorName] = new SparseVectorParams { Modifier = Modifier.Idf } },
        },
        ShardNumber = _options.EffectiveShardNumber,
        ReplicationFactor = _options.EffectiveReplicationFactor,
        WriteConsistencyFactor = _options.WriteConsistencyFactor,
    };

    private static PrefetchQuery Prefetch(Query query, string vectorName, ulong limit, Filter? filter)
    {
        var prefetch = new PrefetchQuery { Query = query, Using = vectorName, Limit = limit };
        if (filter is not null)
        {
            prefetch.Filter = filter;
        }

        return prefetch;
    }

    /// <summary>Collection and metadata conditions, applied inside each prefetch so they act before ranking.</summary>
    private static Filter SearchFilter(SearchRequest request)
    {
        // Every search is confined to its tenant, whatever else it filters on.
        var filter = new Filter { Must = { MatchKeyword(TenantKey, request.Tenant) } };
        if (request.Collection is not null)
        {
            filter.Must.Add(MatchKeyword(CollectionKey, request.Collection));
        }
        foreach (var (key, values) in request.Filter?.Conditions ?? [])
        {
            var field = $"{MetadataKey}.{key}";
            filter.Must.Add(values.Count == 1 ? MatchKeyword(field, values[0]) : Match(field, values));
        }
        return filter;
    }

    private static Filter DocumentFilter(string documentId) => new() { Must = { MatchKeyword(DocumentIdKey, documentId) } };

    private PointStruct ToPoint(IndexedChunk chunk)
    {
        var vectors = new Dictionary<string, Vector> { [DenseVectorName] = chunk.Embedding.ToArray() };

        // Title terms count in the sparse vector as text terms do; Qdrant rejects an empty sparse vector, so a
        // chunk of stop words only gets none and is found by the dense side alone.
        var sparse = _vectorizer.VectorizeDocument($"{chunk.Title}\n{chunk.Text}");
        if (sparse.Indices.Length > 0)
        {
            vectors[SparseVectorName] = (sparse.Values, sparse.Indices);
        }

        var point = new PointStruct
        {
            Id = chunk.ChunkId,
            Vectors = vectors,
            Payload =
            {
                [DocumentIdKey] = chunk.DocumentId,
                [CollectionKey] = chunk.Collection,
                [TenantKey] = chunk.Tenant,
                [TitleKey] = chunk.Title,
                [TextKey] = chunk.Text,
                [OrdinalKey] = chunk.Ordinal,
                [StartOffsetKey] = chunk.StartOffset,
                [EndOffsetKey] = chunk.EndOffset,
                [MetadataKey] = MetadataValue(chunk.Metadata),
            },
        };
        if (chunk.HeadingPath is not null)
        {
            point.Payload[HeadingPathKey] = chunk.HeadingPath;
        }
        if (chunk.PageNumber is { } pageNumber)
        {
            point.Payload[PageNumberKey] = pageNumber;
        }
        if (chunk.OcrConfidence is { } confidence)
        {
            point.Payload[OcrConfidenceKey] = confidence;
        }
        return point;
    }

    private static Value MetadataValue(IReadOnlyDictionary<string, string>? metadata)
    {
        var value = new Struct();
        foreach (var (key, entry) in metadata ?? new Dictionary<string, string>())
        {
            value.Fields[key] = entry;
        }
        return new Value { StructValue = value };
    }

    private static ReadOnlySpan<float> DenseVector(ScoredPoint point) =>
        point.Vectors?.Vectors?.Vectors.TryGetValue(DenseVectorName, out var vector) == true ? vector.GetDenseVector()?.Data.ToArray() ?? [] : [];
}
