using RagPlatform.AppHost.Native;

namespace RagPlatform.Tests.AppHost;

public sealed class OcrInstallationTests
{
    [Fact]
    public void AMachineWithoutTheToolsIsToldBothDebianPackagesToInstall()
    {
        var empty = Directory.CreateTempSubdirectory("rag-empty-path-").FullName;
        try
        {
            Assert.Equal(["tesseract-ocr tesseract-ocr-eng", "poppler-utils"], OcrInstallation.MissingPackages(empty));
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void ThisMachineHasBoth() => Assert.Empty(OcrInstallation.MissingPackages());
}
