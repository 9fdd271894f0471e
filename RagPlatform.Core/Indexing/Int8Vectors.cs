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
        ref var x = ref MemoryMarshal.GetReference(row);
        ref var q = ref MemoryMarshal.GetReference(query);
        var length = row.Length;
        if (Avx512BW.IsSupported)
        {
            // 64 codes per step: widen to two vectors of 32 shorts; vpmaddwd multiplies and adds pairs into ints.
            var sum = Vector512<int>.Zero;
            for (var i = 0; i < length; i += 64)
            {
                var (low, high) = Vector512.Widen(Vector512.LoadUnsafe(ref x, (nuint)i));
                sum += Avx512BW.MultiplyAddAdjacent(low, Vector512.LoadUnsafe(ref q, (nuint)i));
                sum += Avx512BW.MultiplyAddAdjacent(high, Vector512.LoadUnsafe(ref q, (nuint)(i + 32)));
            }
            return Vector512.Sum(sum);
        }
        if (Avx2.IsSupported)
        {
            var sum = Vector256<int>.Zero;
            for (var i = 0; i < length; i += 32)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref x, (nuint)i));
                sum += Avx2.MultiplyAddAdjacent(low, Vector256.LoadUnsafe(ref q, (nuint)i));
                sum += Avx2.MultiplyAddAdjacent(high, Vector256.LoadUnsafe(ref q, (nuint)(i + 16)));
            }
            return Vector256.Sum(sum);
        }
        if (Vector128.IsHardwareAccelerated)
        {
            // Portable (Arm64 among others): widen twice, to ints, and multiply.
            var sum = Vector128<int>.Zero;
            for (var i = 0; i < length; i += 16)
            {
                var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref x, (nuint)i));
                var q0 = Vector128.LoadUnsafe(ref q, (nuint)i);
                var q1 = Vector128.LoadUnsafe(ref q, (nuint)(i + 8));
                sum += WidenedProduct(low, q0) + WidenedProduct(high, q1);
            }
            return Vector128.Sum(sum);
        }
        var total = 0;
        for (var i = 0; i < length; i++)
        {
            total += Unsafe.Add(ref x, i) * Unsafe.Add(ref q, i);
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
