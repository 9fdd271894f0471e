using Aspire.Hosting.ApplicationModel;

namespace RagPlatform.Tests.AppHost;

/// <summary>How the AppHost wires backups: settings to the services, and the one-shot restore they wait for.</summary>
public sealed class BackupModelTests
{
    [Fact]
    public async Task RestoreFromAddsARestoreResourceThatTheServicesWaitToComplete()
    {
        await using var model = await AppHostModel.CreateAsync("--Infrastructure:Mode=native", "--Backup:RestoreFrom=latest");

        var restore = await model.EnvironmentOf("restore");
        Assert.Equal("latest", restore["Backup__RestoreFrom"]);
        Assert.EndsWith("/backups", restore["Backup__LocalPath"]);
        Assert.Contains("restore", model.WaitsOf("api"));
        Assert.Contains(model.Get<IResource>("api").Annotations.OfType<WaitAnnotation>(), w => w.Resource.Name == "restore" && w.WaitType == WaitType.WaitForCompletion);
        Assert.Contains("restore", model.WaitsOf("worker"));
        Assert.DoesNotContain("Backup__RestoreFrom", (await model.EnvironmentOf("worker")).Keys);
    }

    [Fact]
    public async Task WithoutRestoreFromThereIsNoRestoreResourceAndBackupSettingsReachTheServices()
    {
        await using var model = await AppHostModel.CreateAsync("--Infrastructure:Mode=native", "--Backup:Schedule=30 3 * * *", "--Backup:RetentionDays=7");

        Assert.DoesNotContain(model.Resources, r => r.Name == "restore");
        var worker = await model.EnvironmentOf("worker");
        Assert.Equal("30 3 * * *", worker["Backup__Schedule"]);
        Assert.Equal("7", worker["Backup__RetentionDays"]);
        Assert.Equal("30 3 * * *", (await model.EnvironmentOf("api"))["Backup__Schedule"]);
    }

    [Fact]
    public async Task ContainersModeRunsAPostgreSqlMajorThatTheMachinesPgDumpCanDump()
    {
        await using var model = await AppHostModel.CreateAsync("Infrastructure:Mode=containers");

        var image = Assert.Single(model.Get<IResource>("postgres").Annotations.OfType<ContainerImageAnnotation>());
        Assert.Equal("15", image.Tag?.Split('.')[0]);
    }
}
