namespace Connector.LocalHost;

/// <summary>Settings only LocalHost has (the Functions host has its own equivalents or none).</summary>
public sealed class LocalHostOptions
{
    public const string Section = "LocalHost";

    /// <summary>Fire every timer once at start, as Functions' RunOnStartup does; for local runs only.</summary>
    public bool RunTimersOnStartup { get; set; }

    /// <summary>
    /// How long a received message stays hidden while its handler runs. Renewed at half-time while
    /// the handler is still busy, so a slow handler never lets its message reappear mid-run.
    /// </summary>
    public TimeSpan MessageLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>On shutdown, how long in-flight messages may finish before their handlers are cancelled.</summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
