using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.TestSupport;

/// <summary>One log entry as written: level, formatted message and the exception object passed with it.</summary>
public sealed record LogEntry(LogLevel Level, string Message, Exception? Exception);

/// <summary>Keeps what the code under test logs, so a test can check an error is reported with its exception.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. entries];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        entries.Enqueue(new LogEntry(logLevel, formatter(state, exception), exception));
}
