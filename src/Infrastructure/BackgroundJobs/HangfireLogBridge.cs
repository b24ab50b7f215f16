using Microsoft.Extensions.Logging;
using HangfireLog = Hangfire.Logging;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>
/// Hangfire's log provider is process-wide by Hangfire's design, so it is set to this one bridge, once per process.
/// Each host attaches its logger factory when it configures Hangfire; lines go to the newest factory still alive,
/// and go quiet when none is (a disposed host's factory throws, which once made every other host's enqueue a 500).
/// </summary>
internal static class HangfireLogBridge
{
    private static readonly Lock Gate = new();
    private static readonly List<WeakReference<ILoggerFactory>> Factories = [];

    public static HangfireLog.ILogProvider Provider { get; } = new BridgeProvider();

    public static void Attach(ILoggerFactory factory)
    {
        lock (Gate)
        {
            Factories.RemoveAll(reference => !reference.TryGetTarget(out _));
            Factories.Add(new WeakReference<ILoggerFactory>(factory));
        }
    }

    private static ILogger? CreateLogger(string name)
    {
        lock (Gate)
        {
            for (var i = Factories.Count - 1; i >= 0; i--)
            {
                if (!Factories[i].TryGetTarget(out var factory))
                {
                    continue;
                }

                try
                {
                    return factory.CreateLogger(name);
                }
                catch (ObjectDisposedException)
                {
                    Factories.RemoveAt(i);
                }
            }

            return null;
        }
    }

    private sealed class BridgeProvider : HangfireLog.ILogProvider
    {
        public HangfireLog.ILog GetLogger(string name) => new BridgeLog(name);
    }

    private sealed class BridgeLog(string name) : HangfireLog.ILog
    {
        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            ILogger? logger;
            try
            {
                logger = CreateLogger(name);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }

            if (logger is null)
            {
                return false;
            }

            var level = logLevel switch
            {
                HangfireLog.LogLevel.Trace => LogLevel.Trace,
                HangfireLog.LogLevel.Debug => LogLevel.Debug,
                HangfireLog.LogLevel.Info => LogLevel.Information,
                HangfireLog.LogLevel.Warn => LogLevel.Warning,
                HangfireLog.LogLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };

            if (messageFunc is null)
            {
                return logger.IsEnabled(level);
            }

            try
            {
                logger.Log(level, exception, "{Message}", messageFunc());
            }
            catch (ObjectDisposedException)
            {
                return false;
            }

            return true;
        }
    }
}
