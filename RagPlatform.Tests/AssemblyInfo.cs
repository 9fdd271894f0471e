using RagPlatform.Tests.Infrastructure;

[assembly: TestCollectionOrderer(typeof(LongestFirstCollectionOrderer))]
