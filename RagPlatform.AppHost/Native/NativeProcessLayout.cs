namespace RagPlatform.AppHost.Native;

/// <summary>
/// Where a native server keeps its data and pid file, the process name the pid file must point at,
/// and the account it runs as (null: the AppHost's own).
/// </summary>
public sealed record NativeProcessLayout(string DataDirectory, string PidFile, string ProcessName, string? RunAsUser)
{
    /// <summary>The command and leading arguments that run <paramref name="executable"/> as <see cref="RunAsUser"/>.</summary>
    /// <remarks>
    /// setpriv replaces itself with the target (runuser forks and stays as a parent), so the process the
    /// orchestrator tracks and signals is the server itself.
    /// </remarks>
    public (string Command, string[] Prefix) Launch(string executable) => RunAsUser is null
        ? (executable, [])
        : ("setpriv", [$"--reuid={RunAsUser}", $"--regid={RunAsUser}", "--init-groups", "--", executable]);
}
