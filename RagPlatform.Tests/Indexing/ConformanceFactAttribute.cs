using Xunit.Sdk;

namespace RagPlatform.Tests.Indexing;

/// <summary>
/// A fact declared once in an abstract conformance suite and run by every derived backend class.
/// A derived class that carries a fact attribute with Skip set (such as <see cref="QdrantFactAttribute"/>)
/// has all its inherited conformance facts reported as skipped with that reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("RagPlatform.Tests.Indexing.ConformanceFactDiscoverer", "RagPlatform.Tests")]
public sealed class ConformanceFactAttribute : FactAttribute;
