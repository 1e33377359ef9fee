using System.Diagnostics;

namespace Connector.Testing.Soak;

/// <summary>
/// LocalHost as its own process (the built Connector.LocalHost.dll), so a run can kill it the hard way
/// (SIGKILL: no shutdown, no drain, in-flight work cut off) and start it again on the same port.
/// Its console output is appended to <see cref="LogPath"/>.
/// </summary>
public sealed class LocalHostProcess(IReadOnlyDictionary<string, string> settings, Uri baseAddress, string logPath) : IAsyncDisposable
{
    private readonly Lock _logGate = new();
    private Process? _process;

    public Uri BaseAddress { get; } = baseAddress;

    public string LogPath { get; } = logPath;

    public int Starts { get; private set; }

    public int Kills { get; private set; }

    /// <summary>The running process's id (for measuring it from outside), or null when it is not running.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath())!,
        };
        start.ArgumentList.Add(AssemblyPath());
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("LocalHost did not start.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        Append($"---- soak: LocalHost started (pid {process.Id}, start {Starts}) at {DateTimeOffset.UtcNow:O}");
        await WaitUntilHealthyAsync(process, cancellationToken);
    }

    /// <summary>SIGKILL: the process gets no chance to finish or release anything.</summary>
    public async Task KillAsync()
    {
        if (await StopAsync())
        {
            Kills++;
            Append($"---- soak: LocalHost killed (SIGKILL, kill {Kills}) at {DateTimeOffset.UtcNow:O}");
        }
    }

    /// <summary>Lines of its log at warning level or above, as LocalHost's console logger prints them.</summary>
    public (int Warnings, int Errors) CountLogLevels()
    {
        lock (_logGate)
        {
            if (!File.Exists(LogPath))
            {
                return (0, 0);
            }

            var lines = File.ReadAllLines(LogPath);
            return (lines.Count(l => Level(l) == "warn"), lines.Count(l => Level(l) is "fail" or "crit"));
        }
    }

    /// <summary>The level of a console line: first, or after its ISO 8601 timestamp (LocalHostTelemetry.TimestampFormat).</summary>
    private static string? Level(string line)
    {
        var start = line.Length > 0 && char.IsAsciiDigit(line[0]) ? line.IndexOf(' ', StringComparison.Ordinal) + 1 : 0;
        return start >= 0 && line.Length >= start + 5 && line[start + 4] == ':' ? line.Substring(start, 4) : null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <returns>False when there was no process to stop.</returns>
    private async Task<bool> StopAsync()
    {
        if (_process is not { } process)
        {
            return false;
        }

        _process = null;
        using (process)
        {
            if (!process.HasExited)
            {
                // Process.Kill is SIGKILL on Linux and macOS.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        return true;
    }

    private async Task WaitUntilHealthyAsync(Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"LocalHost exited with {process.ExitCode} at start; see {LogPath}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"LocalHost did not become healthy within 90 s; see {LogPath}.");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            File.AppendAllText(LogPath, line + Environment.NewLine);
        }
    }

    /// <summary>The LocalHost build next to this one (same configuration), found from the repository root.</summary>
    private static string AssemblyPath()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Debug"
            : "Release";
        var root = AzuriteServer.FindRepositoryRoot();
        var path = Path.Combine(root, "functions", "Connector.LocalHost", "bin", configuration, "net10.0", "Connector.LocalHost.dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: build the solution ({configuration}) first.");
    }
}
