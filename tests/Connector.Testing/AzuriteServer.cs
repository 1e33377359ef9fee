using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Connector.Testing;

/// <summary>
/// A real Azurite (the one package.json pins, installed by <c>npm ci</c>) on free loopback ports,
/// with its data in a temporary directory so <see cref="RestartAsync"/> keeps it. Shared by every
/// end-to-end test (through the tests' collection fixture) and by the benchmarks; tests isolate
/// themselves by using their own store hashes, queue and table names.
/// </summary>
public class AzuriteServer
{
    public const string AccountName = "devstoreaccount1";

    // Azurite's well-known development key: public, documented, useless outside Azurite.
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(10);

    private readonly ProcessOutput _output = new();
    private IReadOnlyList<Process> _processes = [];
    private IReadOnlyList<string> _names = [];

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }

    /// <summary>Where Azurite keeps its data; it survives <see cref="StopAsync"/> and is deleted on dispose.</summary>
    /// <summary>
    /// Keeps the data in memory instead of in files (Azurite's LokiJS stores write the whole database out every few
    /// seconds, a pause that grows with the data): for benchmarks of request latency. Data does not survive a restart.
    /// </summary>
    public bool InMemory { get; init; } = Environment.GetEnvironmentVariable("CONNECTOR_AZURITE_IN_MEMORY") == "1";

    /// <summary>
    /// The Node.js heap each Azurite process may grow to (<c>--max-old-space-size</c>), when the default is too small: a
    /// million messages held in memory need several gigabytes, and at the default Azurite spends its time collecting.
    /// </summary>
    public int? HeapMegabytes { get; init; }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "connector-e2e-azurite-" + Guid.NewGuid().ToString("N"));

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public bool IsRunning => _processes.Count > 0 && _processes.All(p => !p.HasExited);

    /// <summary>
    /// One Node.js process per service (azurite-blob, azurite-queue, azurite-table) instead of one for all three: a
    /// queue write then never waits behind a table transaction or the table store's periodic save on the same event
    /// loop, as Azure's services do not share one, and the emulator can use two cores. On with <c>CONNECTOR_AZURITE_SPLIT=1</c>
    /// (benchmarks); the tests run the one process.
    /// </summary>
    public bool Split { get; init; } = Environment.GetEnvironmentVariable("CONNECTOR_AZURITE_SPLIT") == "1";

    /// <summary>The CPU time each running Azurite process has used so far, by its command (azurite, or azurite-queue …).</summary>
    public IReadOnlyDictionary<string, TimeSpan> ProcessorTimes()
    {
        var times = new Dictionary<string, TimeSpan>();
        for (var i = 0; i < _processes.Count; i++)
        {
            _processes[i].Refresh();
            times[_names[i]] = _processes[i].HasExited ? TimeSpan.Zero : _processes[i].TotalProcessorTime;
        }

        return times;
    }

    /// <summary>Azurite's recent stdout and stderr, for failure messages.</summary>
    public string RecentOutput => _output.ToString();

    public async Task InitializeAsync()
    {
        (BlobPort, QueuePort, TablePort) = FreeLoopbackPorts();
        Directory.CreateDirectory(DataDirectory);
        await StartAsync();
    }

    /// <summary>Starts Azurite on this fixture's ports and data directory; returns once its services accept connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var repositoryRoot = FindRepositoryRoot();
        var services = Split
            ? new[] { ("azurite-blob", BlobArguments()), ("azurite-queue", QueueArguments()), ("azurite-table", TableArguments()) }
            : [("azurite", BlobArguments().Concat(QueueArguments()).Concat(TableArguments()).ToArray())];
        _output.Clear();
        var started = new List<Process>();
        try
        {
            foreach (var (name, arguments) in services)
            {
                started.Add(Launch(repositoryRoot, name, arguments));
            }

            _processes = started;
            _names = [.. services.Select(s => s.Item1)];
            await WaitUntilListeningAsync(started, cancellationToken);
        }
        catch
        {
            foreach (var process in started)
            {
                Kill(process);
                process.Dispose();
            }

            _processes = [];
            throw;
        }
    }

    private string[] BlobArguments() => ["--blobHost", "127.0.0.1", "--blobPort", Port(BlobPort)];

    private string[] QueueArguments() => ["--queueHost", "127.0.0.1", "--queuePort", Port(QueuePort)];

    private string[] TableArguments() => ["--tableHost", "127.0.0.1", "--tablePort", Port(TablePort)];

    private Process Launch(string repositoryRoot, string name, string[] serviceArguments)
    {
        var executable = Path.Combine(repositoryRoot, "node_modules", ".bin", OperatingSystem.IsWindows() ? name + ".cmd" : name);
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed: {executable} is missing. Run `npm ci` in {repositoryRoot}.");
        }

        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = DataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (HeapMegabytes is { } heap)
        {
            start.Environment["NODE_OPTIONS"] = $"--max-old-space-size={heap}";
        }

        foreach (var argument in serviceArguments.Concat(["--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry"]))
        {
            // --disableTelemetry: no outbound calls from a test run.
            start.ArgumentList.Add(argument);
        }

        if (InMemory)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(DataDirectory);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not run {executable} (is Node.js on PATH?): {ex.Message}", ex);
        }

        process.OutputDataReceived += (_, e) => _output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => _output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Stops Azurite. Graceful by default (SIGINT, which every Azurite entry point handles — azurite-table ignores SIGTERM — so it writes its data to disk and a restart
    /// finds it); killed outright when that does not finish in time or when <paramref name="graceful"/> is false.
    /// </summary>
    public async Task StopAsync(bool graceful = true)
    {
        var processes = _processes;
        _processes = [];
        await Task.WhenAll(processes.Select(process => StopAsync(process, graceful)));
    }

    private static async Task StopAsync(Process process, bool graceful)
    {
        using (process)
        {
            if (process.HasExited)
            {
                return;
            }

            if (graceful && !OperatingSystem.IsWindows() && await SignalInterruptAsync(process.Id))
            {
                using var timeout = new CancellationTokenSource(GracefulStopTimeout);
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                    return;
                }
                catch (OperationCanceledException)
                {
                    // Fall through to the kill.
                }
            }

            Kill(process);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Stops and starts again on the same ports with the same data, as a storage outage would look.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        await StartAsync(cancellationToken);
    }

    public async Task DisposeAsync()
    {
        // The data goes away with the fixture, so there is nothing to flush.
        await StopAsync(graceful: false);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is not worth failing a run over.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The repository root: the first directory upwards holding Connector.sln or package.json.</summary>
    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Connector.sln")) || File.Exists(Path.Combine(dir.FullName, "package.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Connector.sln or package.json above {AppContext.BaseDirectory}: cannot find the repository root.");
    }

    private async Task WaitUntilListeningAsync(IReadOnlyList<Process> processes, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        var ports = new[] { BlobPort, QueuePort, TablePort };
        try
        {
            while (true)
            {
                if (processes.FirstOrDefault(p => p.HasExited) is { } process)
                {
                    throw new InvalidOperationException(
                        $"Azurite exited with code {process.ExitCode} while starting (ports {BlobPort}/{QueuePort}/{TablePort}). Its output:{Environment.NewLine}{RecentOutput}");
                }

                if (await AllAnswerAsync(ports, timeout.Token))
                {
                    return;
                }

                await Task.Delay(100, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"Azurite did not listen on ports {BlobPort}/{QueuePort}/{TablePort} within {StartTimeout.TotalSeconds} s. Its output:{Environment.NewLine}{RecentOutput}");
        }
    }

    private static async Task<bool> AllAnswerAsync(int[] ports, CancellationToken cancellationToken)
    {
        foreach (var port in ports)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> SignalInterruptAsync(int processId)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            if (kill is null)
            {
                return false;
            }

            await kill.WaitForExitAsync();
            return kill.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Three distinct free ports, held open together so they cannot collide with each other.</summary>
    private static (int Blob, int Queue, int Table) FreeLoopbackPorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The last lines a process wrote, bounded so a chatty process cannot grow it without end.</summary>
    private sealed class ProcessOutput
    {
        private const int MaxLines = 200;
        private readonly Queue<string> _lines = new();
        private readonly Lock _gate = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                _lines.Enqueue(line);
                while (_lines.Count > MaxLines)
                {
                    _lines.Dequeue();
                }
            }
        }

        public void Clear()
        {
            lock (_gate)
            {
                _lines.Clear();
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return string.Join(Environment.NewLine, _lines);
            }
        }
    }
}
