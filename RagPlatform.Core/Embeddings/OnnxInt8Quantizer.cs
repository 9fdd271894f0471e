using System.Runtime.InteropServices;
using Google.Protobuf;
using RagPlatform.Core.Embeddings.Onnx;

namespace RagPlatform.Core.Embeddings;

/// <summary>
/// Dynamic int8 quantization of an fp32 ONNX model, done in memory when the model loads: every MatMul by a
/// constant 2-D weight becomes ONNX Runtime's <c>com.microsoft.DynamicQuantizeMatMul</c>, with the weight
/// stored as int8, symmetric per output column, and a directly following bias Add folded in. Activations are
/// quantized per call by the runtime. Everything else (embedding lookups, LayerNorm, softmax) stays fp32.
/// </summary>
internal static class OnnxInt8Quantizer
{
    private const string MicrosoftDomain = "com.microsoft";

    /// <summary>Returns the quantized model and how many MatMuls were rewritten.</summary>
    public static (byte[] Model, int QuantizedMatMuls) Quantize(ReadOnlySpan<byte> fp32Model)
    {
        var model = ModelProto.Parser.ParseFrom(fp32Model);
        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var consumers = CountConsumers(graph);
        var graphOutputs = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var foldedAdds = new HashSet<NodeProto>();
        var quantizedWeights = new HashSet<string>(StringComparer.Ordinal);
        var quantized = 0;

        foreach (var node in graph.Node)
        {
            if (node.OpType != "MatMul" || node.Domain is not (null or "") || node.Input.Count != 2
                || !initializers.TryGetValue(node.Input[1], out var weight) || !IsFloatMatrix(weight))
            {
                continue;
            }

            var name = weight.Name;
            var columns = weight.Dims[1];
            if (quantizedWeights.Add(name))
            {
                var (values, scales) = QuantizePerColumn(weight);
                graph.Initializer.Add(Tensor(name + "_int8", TensorProto.Types.DataType.Int8, weight.Dims, values));
                graph.Initializer.Add(Tensor(name + "_scale", TensorProto.Types.DataType.Float, [columns], MemoryMarshal.AsBytes(scales.AsSpan())));
                graph.Initializer.Add(Tensor(name + "_zero_point", TensorProto.Types.DataType.Int8, [columns], new byte[columns]));
            }

            var input = node.Input[0];
            var output = node.Output[0];
            var bias = FindBiasAdd(graph, node, initializers, consumers, graphOutputs, columns);
            node.OpType = "DynamicQuantizeMatMul";
            node.Domain = MicrosoftDomain;
            node.Input.Clear();
            node.Input.Add([input, name + "_int8", name + "_scale", name + "_zero_point"]);
            if (bias is not null)
            {
                // DynamicQuantizeMatMul computes A x B + bias itself, so the Add goes and its output is ours.
                node.Input.Add(bias.Input[0] == output ? bias.Input[1] : bias.Input[0]);
                node.Output[0] = bias.Output[0];
                foldedAdds.Add(bias);
            }

            quantized++;
        }

        foreach (var add in foldedAdds)
        {
            graph.Node.Remove(add);
        }

        // fp32 weights nothing reads any more would only cost memory.
        var stillUsed = graph.Node.SelectMany(n => n.Input).Concat(graphOutputs).ToHashSet(StringComparer.Ordinal);
        var unused = graph.Initializer.Where(t => !stillUsed.Contains(t.Name)).ToList();
        foreach (var tensor in unused)
        {
            graph.Initializer.Remove(tensor);
        }

        if (quantized > 0 && !model.OpsetImport.Any(o => o.Domain == MicrosoftDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        }

        return (model.ToByteArray(), quantized);
    }

    private static bool IsFloatMatrix(TensorProto tensor) =>
        tensor.DataType == (int)TensorProto.Types.DataType.Float && tensor.Dims.Count == 2
        && tensor.DataLocation != TensorProto.Types.DataLocation.External;

    /// <summary>
    /// Symmetric int8 in [-127, 127] with one scale per output column (max |w| / 127): columns differ in range,
    /// and one scale per column keeps small columns from rounding to a few levels.
    /// </summary>
    private static (byte[] Values, float[] Scales) QuantizePerColumn(TensorProto weight)
    {
        var rows = checked((int)weight.Dims[0]);
        var columns = checked((int)weight.Dims[1]);
        ReadOnlySpan<float> data = weight.HasRawData
            ? MemoryMarshal.Cast<byte, float>(weight.RawData.Span)
            : weight.FloatData.ToArray();
        if (data.Length != rows * columns)
        {
            throw new InvalidDataException($"Initializer '{weight.Name}' holds {data.Length} floats, not {rows} x {columns}.");
        }

        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            var row = data.Slice(r * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                scales[c] = MathF.Max(scales[c], MathF.Abs(row[c]));
            }
        }

        var inverse = new float[columns];
        for (var c = 0; c < columns; c++)
        {
            scales[c] = scales[c] > 0 ? scales[c] / 127f : 1f;
            inverse[c] = 1f / scales[c];
        }

        var values = new byte[rows * columns];
        var signed = MemoryMarshal.Cast<byte, sbyte>(values.AsSpan());
        for (var r = 0; r < rows; r++)
        {
            var offset = r * columns;
            for (var c = 0; c < columns; c++)
            {
                signed[offset + c] = (sbyte)Math.Clamp(MathF.Round(data[offset + c] * inverse[c]), -127f, 127f);
            }
        }

        return (values, scales);
    }

    /// <summary>The Add right after <paramref name="matMul"/> that adds a constant [columns] bias, if that is its only use.</summary>
    private static NodeProto? FindBiasAdd(
        GraphProto graph, NodeProto matMul, Dictionary<string, TensorProto> initializers,
        Dictionary<string, int> consumers, HashSet<string> graphOutputs, long columns)
    {
        var output = matMul.Output[0];
        if (graphOutputs.Contains(output) || consumers.GetValueOrDefault(output) != 1)
        {
            return null;
        }

        var add = graph.Node.FirstOrDefault(n => n.Input.Contains(output));
        if (add is not { OpType: "Add", Domain: null or "" } || add.Input.Count != 2)
        {
            return null;
        }

        var other = add.Input[0] == output ? add.Input[1] : add.Input[0];
        return initializers.TryGetValue(other, out var bias)
            && bias.DataType == (int)TensorProto.Types.DataType.Float && bias.Dims.Count == 1 && bias.Dims[0] == columns
            ? add
            : null;
    }

    private static Dictionary<string, int> CountConsumers(GraphProto graph)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var input in graph.Node.SelectMany(n => n.Input))
        {
            counts[input] = counts.GetValueOrDefault(input) + 1;
        }

        return counts;
    }

    private static TensorProto Tensor(string name, TensorProto.Types.DataType type, IEnumerable<long> dims, ReadOnlySpan<byte> raw)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(raw) };
        tensor.Dims.Add(dims);
        return tensor;
    }
}
