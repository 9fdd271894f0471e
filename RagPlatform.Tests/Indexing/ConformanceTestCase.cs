using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace RagPlatform.Tests.Indexing;

/// <summary>
/// A fact whose skip reason may also come from the concrete test class: xunit computes it again from the
/// test method after deserialisation, so nothing extra has to be serialised.
/// </summary>
public sealed class ConformanceTestCase : XunitTestCase
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes", error: true)]
    public ConformanceTestCase()
    {
    }

    public ConformanceTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    protected override string? GetSkipReason(IAttributeInfo factAttribute)
        => base.GetSkipReason(factAttribute) ?? ClassSkipReason(TestMethod.TestClass.Class);

    private static string? ClassSkipReason(ITypeInfo testClass)
    {
        foreach (var attribute in testClass.GetCustomAttributes(typeof(FactAttribute).AssemblyQualifiedName))
        {
            var skip = attribute is IReflectionAttributeInfo { Attribute: FactAttribute fact } ? fact.Skip : attribute.GetNamedArgument<string?>(nameof(FactAttribute.Skip));
            if (skip is not null)
            {
                return skip;
            }
        }

        return null;
    }
}
