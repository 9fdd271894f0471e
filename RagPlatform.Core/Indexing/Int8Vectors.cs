using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Symmetric int8 codes of float vectors and their integer dot product: a quarter of the memory a float scan
/// streams. Each vector keeps its own scale (its largest magnitude / 127), so <c>code · code × scale × scale</c>
/// approximates the float dot product to about 1% of the vectors' norms; the embedded index ranks candidates by it
/// and rescores the best of them exactly (see <see cref="ChunkSlots"/>).
/// Rows are padded with zeros to <see cref="StrideFor"/> so the kernels need no tail loop.
/// </summary>
internal static class Int8Vectors
{
    private const int Alignment = 64;

    /// <summary>The padded length of a row of <paramref name="dimension"/> codes.</summary>
    public static int StrideFor(int dimension) => (dimension + Alignment - 1) / Alignment * Alignment;

    /// <summary>Writes the codes of <paramref name="vector"/> (the padding to zero) and returns its scale; 0 for a zero vector.</summary>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        codes.Clear();
        // MaxMagnitude returns the element itself, sign included.
        var max = vector.IsEmpty ? 0f : MathF.Abs(TensorPrimitives.MaxMagnitude(vector));
        if (!(max > 0f) || !float.IsFinite(max))
        {
            return 0f;
        }
        var inverse = 127f / max;
        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * inverse), -127f, 127f);
        }
        return max / 127f;
    }

    /// <summary>As <see cref="Quantize"/>, widened to 16 bits: the form the query takes in <see cref="Dot"/>.</summary>
    public static float QuantizeWide(ReadOnlySpan<float> vector, Span<short> codes)
    {
        Span<sbyte> narrow = codes.Length <= 4096 ? stackalloc sbyte[codes.Length] : new sbyte[codes.Length];
        var scale = Quantize(vector, narrow);
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = narrow[i];
        }
        return scale;
    }

    /// <summary>The integer dot product of a row of codes and a widened query; both of one stride (a multiple of 64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        if (Avx512BW.IsSupported)
        {
            return DotAvx512(row, query);
        }
        if (Avx2.IsSupported)
        {
            return DotAvx2(row, query);
        }
        return Vector128.IsHardwareAccelerated ? DotVector128(row, query) : DotScalar(row, query);
    }

    /// <summary>64 codes per step: widened to two vectors of 32 shorts; vpmaddwd multiplies and adds pairs into ints.</summary>
    internal static int DotAvx512(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        ref var x = ref MemoryMarshal.GetReference(row);
        ref var q = ref MemoryMarshal.GetReference(query);
        var sum = Vector512<int>.Zero;
        for (var i = 0; i < row.Length; i += 64)
        {
            var (low, high) = Vector512.Widen(Vector512.LoadUnsafe(ref x, (nuint)i));
            sum += Avx512BW.MultiplyAddAdjacent(low, Vector512.LoadUnsafe(ref q, (nuint)i));
            sum += Avx512BW.MultiplyAddAdjacent(high, Vector512.LoadUnsafe(ref q, (nuint)(i + 32)));
        }
        return Vector512.Sum(sum);
    }

    internal static int DotAvx2(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        ref var x = ref MemoryMarshal.GetReference(row);
        ref var q = ref MemoryMarshal.GetReference(query);
        var sum = Vector256<int>.Zero;
        for (var i = 0; i < row.Length; i += 32)
        {
            var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref x, (nuint)i));
            sum += Avx2.MultiplyAddAdjacent(low, Vector256.LoadUnsafe(ref q, (nuint)i));
            sum += Avx2.MultiplyAddAdjacent(high, Vector256.LoadUnsafe(ref q, (nuint)(i + 16)));
        }
        return Vector256.Sum(sum);
    }

    /// <summary>Portable (Arm64 among others): widened twice, to ints, and multiplied.</summary>
    internal static int DotVector128(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        ref var x = ref MemoryMarshal.GetReference(row);
        ref var q = ref MemoryMarshal.GetReference(query);
        var sum = Vector128<int>.Zero;
        for (var i = 0; i < row.Length; i += 16)
        {
            var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref x, (nuint)i));
            sum += WidenedProduct(low, Vector128.LoadUnsafe(ref q, (nuint)i)) + WidenedProduct(high, Vector128.LoadUnsafe(ref q, (nuint)(i + 8)));
        }
        return Vector128.Sum(sum);
    }

    internal static int DotScalar(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        var total = 0;
        for (var i = 0; i < row.Length; i++)
        {
            total += row[i] * query[i];
        }
        return total;
    }

    private static Vector128<int> WidenedProduct(Vector128<short> codes, Vector128<short> query)
    {
        var (codesLow, codesHigh) = Vector128.Widen(codes);
        var (queryLow, queryHigh) = Vector128.Widen(query);
        return (codesLow * queryLow) + (codesHigh * queryHigh);
    }
}
