using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Indexing;

/// <summary>
/// The int8 codes and their dot product. Each kernel is checked on its own where the CPU has it, because the
/// index picks one by hardware: a machine with AVX-512 would otherwise never run the path an Arm64 laptop takes.
/// </summary>
public class Int8VectorsTests
{
    [Fact]
    public void CodesScaleByTheLargestMagnitudeWhateverItsSignAndPadWithZeros()
    {
        var codes = new sbyte[Int8Vectors.StrideFor(3)];

        // The largest magnitude is negative here: -1 maps to -127, 0.5 to 63.5 (rounded to even: 64), 0.25 to 31.75 -> 32.
        var scale = Int8Vectors.Quantize([0.5f, -1f, 0.25f], codes);

        Assert.Equal(64, codes.Length);
        Assert.Equal(1f / 127, scale, 6);
        Assert.Equal(new sbyte[] { 64, -127, 32 }, codes[..3]);
        Assert.All(codes[3..], c => Assert.Equal(0, c));
    }

    [Fact]
    public void AZeroVectorHasScaleZeroAndZeroCodes()
    {
        var codes = new sbyte[64];

        Assert.Equal(0f, Int8Vectors.Quantize(new float[10], codes));
        Assert.All(codes, c => Assert.Equal(0, c));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(384)]
    [InlineData(1024)]
    public void EveryKernelAgreesWithTheScalarSumAtTheExtremes(int length)
    {
        var random = new Random(length);
        var row = new sbyte[length];
        var query = new short[length];
        for (var i = 0; i < length; i++)
        {
            // The full code range, including runs of -127 x -127, the largest products the kernels must not overflow.
            row[i] = i % 7 == 0 ? (sbyte)-127 : (sbyte)random.Next(-127, 128);
            query[i] = i % 7 == 0 ? (short)-127 : (short)random.Next(-127, 128);
        }
        var expected = 0;
        for (var i = 0; i < length; i++)
        {
            expected += row[i] * query[i];
        }

        Assert.Equal(expected, Int8Vectors.DotScalar(row, query));
        Assert.Equal(expected, Int8Vectors.Dot(row, query));
        if (Vector128.IsHardwareAccelerated)
        {
            Assert.Equal(expected, Int8Vectors.DotVector128(row, query));
        }
        if (Avx2.IsSupported)
        {
            Assert.Equal(expected, Int8Vectors.DotAvx2(row, query));
        }
        if (Avx512BW.IsSupported)
        {
            Assert.Equal(expected, Int8Vectors.DotAvx512(row, query));
        }
    }

    [Fact]
    public void TheCodesDotProductTimesBothScalesIsCloseToTheFloatOne()
    {
        var a = TestChunks.Vector(1, 384);
        var b = TestChunks.Normalise(a.Select((x, i) => x + (0.5f * TestChunks.Vector(2, 384)[i])).ToArray());
        var stride = Int8Vectors.StrideFor(384);
        var codes = new sbyte[stride];
        var wide = new short[stride];

        var scaleA = Int8Vectors.Quantize(a, codes);
        var scaleB = Int8Vectors.QuantizeWide(b, wide);

        var approximate = scaleA * scaleB * Int8Vectors.Dot(codes, wide);
        var exact = TestChunks.Dot(a, b);

        Assert.InRange(approximate, exact - 0.01f, exact + 0.01f);
    }
}
