using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VapiAgents.WebApi.FunctionalTests.Support;

/// <summary>Keeps every log line (with exception text) the host writes, so tests can scan them for secrets.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _lines);

    /// <summary>Drops the lines holding a value a test planted on purpose.</summary>
    public void Forget(string value)
    {
        var kept = _lines.Where(line => !line.Contains(value, StringComparison.Ordinal)).ToList();
        _lines.Clear();
        foreach (var line in kept)
        {
            _lines.Enqueue(line);
        }
    }

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)} {exception}";
            lines.Enqueue(line);
            if (logLevel >= LogLevel.Error && Environment.GetEnvironmentVariable("VAPIAGENTS_TEST_ERRORS") is { Length: > 0 } file)
            {
                File.AppendAllText(file, line + Environment.NewLine);
            }
        }
    }
}
