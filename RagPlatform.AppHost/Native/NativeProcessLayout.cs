namespace RagPlatform.AppHost.Native;

/// <summary>
/// Where a native server keeps its data and pid file, the process name the pid file must point at,
/// and the account it runs as (null: the AppHost's own).
/// </summary>
public sealed record NativeProcessLayout(string DataDirectory, string PidFile, string ProcessName, string? RunAsUser)
{
    /// <summary>The command and leading arguments that run <paramref name="executable"/> as <see cref="RunAsUser"/>.</summary>
    public (string Command, string[] Prefix) Launch(string executable) => NativeProcesses.RunAs(RunAsUser, executable);
}
